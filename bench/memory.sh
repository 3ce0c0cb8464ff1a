#!/usr/bin/env bash
# A batch of 100 events through each function in one JVM limited to -Xmx192m (a 256 MB Lambda's
# heap), with the platform's flags, every API and store on the local stub (bench/stub.py):
#
#   AWS    one SQS batch of 100 EventBridge events (SqsHandler): 34 ECR image scans of 500
#          findings each, 33 Config item changes and 33 CloudTrail calls of EKS clusters
#   Azure  one Event Grid delivery of 100 events (EventGridFunction): 50 Resource Notifications
#          and 50 ResourceWriteSuccess of AKS clusters
#   GCP    100 Pub/Sub events one after the other in the same instance (Cloud Run functions deliver
#          one message per request): 50 Cloud Asset feed clusters, 50 node pool changes
#
# (bench/make-batches.py writes the batches.) Reported: findings, peak heap (the sum of every heap
# pool's peak: an upper bound of the heap used at any one time), peak RSS (GNU time %M), wall time,
# and whether an OutOfMemoryError occurred. Budget: heap <= 192 MB, no OutOfMemoryError.
#
# Usage: bench/memory.sh        (after: mvn -B -q install -DskipTests)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=${WORK:-$ROOT/bench/target/memory}
M2=${M2:-$HOME/.m2/repository}
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
PY=/usr/bin/python3
command -v $PY >/dev/null || PY=python3
HEAP=${HEAP:-192m}
mkdir -p "$WORK"

AWS_JAR=aws-lambda/target/aws-lambda-$VERSION-lambda.jar
AZURE_APP=azure-function/target/azure-functions/containerwatch
GCP_JAR=gcp-function/target/deploy/containerwatch-gcp.jar
AZURE_CORE=$M2/com/microsoft/azure/functions/azure-functions-java-core-library/1.3.0/azure-functions-java-core-library-1.3.0.jar
GCP_API=$M2/com/google/cloud/functions/functions-framework-api/2.0.0/functions-framework-api-2.0.0.jar:$M2/io/cloudevents/cloudevents-api/4.0.1/cloudevents-api-4.0.1.jar
for f in "$AWS_JAR" "$AZURE_APP/azure-function-$VERSION.jar" "$GCP_JAR" "$AZURE_CORE" \
  aws-lambda/target/test-classes/dev/containerwatch/aws/bench/ColdStart.class; do
  [ -e "$f" ] || { echo "memory: $f is missing: build first with  mvn -B -q install -DskipTests" >&2; exit 1; }
done
(cd aws-lambda/target/test-classes && jar cf "$WORK/aws-bench.jar" dev/containerwatch/aws/bench)
(cd azure-function/target/test-classes && jar cf "$WORK/azure-bench.jar" dev/containerwatch/azure/bench)
(cd gcp-function/target/test-classes && jar cf "$WORK/gcp-bench.jar" dev/containerwatch/gcp/ColdStart*.class)
$PY bench/make-batches.py "$WORK"

rm -f "$WORK/stub.port"
$PY bench/stub.py --port 0 --port-file "$WORK/stub.port" --seconds 1800 &
STUB_PID=$!
trap 'kill $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$WORK/stub.port" ] && break; sleep 0.1; done
STUB=http://127.0.0.1:$(cat "$WORK/stub.port")

GCP_EVENTS=()
for i in $(seq 50); do
  GCP_EVENTS+=(events-samples/gcp/asset-cluster-misconfigured.json events-samples/gcp/asset-nodepool-created.json)
done

run() { # name, env..., -- command...
  local name=$1 t0 t1 rc=0
  shift
  local -a envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  t0=$(date +%s%3N)
  env "${envs[@]}" /usr/bin/time -f "%M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  t1=$(date +%s%3N)
  local heap rss findings oom
  heap=$(awk '/^peak-heap-bytes /{print $2}' "$WORK/$name.err")
  rss=$(tail -1 "$WORK/$name.time")
  findings=$(awk '/^findings /{print $2}' "$WORK/$name.err")
  oom=no
  grep -q OutOfMemoryError "$WORK/$name.err" && oom=YES
  [ "$rc" = 0 ] || oom="$oom (exit $rc)"
  awk -v n="$name" -v h="${heap:-0}" -v r="${rss:-0}" -v f="${findings:-0}" -v w=$((t1 - t0)) -v o="$oom" -v lim="$HEAP" 'BEGIN {
    hm = h / 1048576; l = lim + 0;
    printf "%-8s %8d %12.0f MB %9.0f MB %8.1f s %6s  %s\n", n, f, hm, r / 1024, w / 1000, o,
      (hm <= l && o == "no") ? "met" : "MISSED" }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "Memory: 100 events in one JVM with -Xmx$HEAP; $(nproc) cores, load $LOAD_BEFORE"
  printf '%-8s %8s %15s %12s %10s %6s  %s\n' function findings "peak heap" "peak RSS" wall OOM "budget: heap <= 192 MB, no OOM"
  run aws AWS_REGION=eu-west-1 CONTAINERWATCH_ACCOUNT_ID=418273645091 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \
    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_ENDPOINT_URL="$STUB" AWS_ENDPOINT_URL_SECURITYHUB="$STUB" -- \
    java -Xmx$HEAP -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbench.peakHeap=true \
    -cp "$AWS_JAR:$WORK/aws-bench.jar" dev.containerwatch.aws.bench.ColdStart env "$WORK/aws-sqs-100.json"
  run azure IDENTITY_ENDPOINT="$STUB/msi/token" IDENTITY_HEADER=bench CONTAINERWATCH_ARM_ENDPOINT="$STUB" -- \
    java -Xmx$HEAP -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true -Dbench.peakHeap=true \
    -cp "$AZURE_APP/azure-function-$VERSION.jar:$AZURE_APP/lib/*:$AZURE_CORE:$WORK/azure-bench.jar" \
    dev.containerwatch.azure.bench.ColdStart env "$WORK/azure-eventgrid-100.json"
  run gcp CONTAINERWATCH_GCP_CREDENTIALS=none CONTAINERWATCH_CONTAINER_ENDPOINT="$STUB" CONTAINERWATCH_SCC_ENDPOINT="$STUB" \
    CONTAINERWATCH_SCC_SOURCE=organizations/582019374625/sources/7241935786402716215 -- \
    java -Xmx$HEAP -XX:TieredStopAtLevel=1 -Dbench.peakHeap=true \
    -cp "$GCP_JAR:$GCP_API:$WORK/gcp-bench.jar" dev.containerwatch.gcp.ColdStart env "${GCP_EVENTS[@]}"
}
