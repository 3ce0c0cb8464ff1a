#!/usr/bin/env bash
# Cold path of each deployable handler, next to a bare JVM and Python + boto3, in the same run.
#
# For each artifact (the shaded Lambda jar, the staged Azure function app, the GCP deployable jar) a
# fresh JVM is started with the platform's JVM flags, on the artifact as deployed (plus the small
# ColdStart main of the module's tests, jarred, and the APIs the platform provides: Azure's
# azure-functions-java-core-library, GCP's functions-framework-api and cloudevents-api), and handles
# one sample event:
#
#   carried  an event that carries its resource, the standard output as the only sink (no API call):
#            AWS  CloudWatch Logs audit event (Deployment, Pod)   events-samples/aws/cloudwatch-logs-eks-audit.json
#            Azure Event Hub kube-audit batch (Pod, Deployment)  events-samples/azure/eventhub/kube-audit-batch.json
#            GCP  Cloud Asset feed message (GKE cluster)          events-samples/gcp/asset-cluster-misconfigured.json
#   api      an event that needs an API load: the function as the platform builds it from the
#            environment (credentials, SDK clients, the native store's sink), every endpoint on a
#            local stub (bench/stub.py), plus the standard output:
#            AWS  Config item change of an EKS cluster: node groups and add-ons read, Security Hub written
#            Azure Resource Notification of an AKS cluster: managed identity token, diagnostic settings
#                  read, Defender assessments written
#            GCP  Cloud Asset feed, node pool created: the cluster read (clusters.get), SCC written
#
# Measured per run: wall time from the launch to the first finding written (the main prints the
# time), the process's wall time, and its peak RSS (GNU time's %M). The references, started the same
# way in the same rounds: `java <Lambda flags> Hello` and
#   /usr/bin/python3 -c 'import boto3; boto3.client("securityhub"); boto3.client("eks")'
# Rounds interleave every variant (so load changes hit them alike); the first round is a warm-up
# (page cache) and is not counted. Medians of RUNS rounds; ratios to the Python reference.
#
# With CDS=1 (the default) each handler also runs with an AppCDS archive: a dynamic archive dumped
# from one training run of the same artifact, JVM and flags handling both events
# (-XX:ArchiveClassesAtExit), then used with -XX:SharedArchiveFile. The archive is JVM-build
# specific; see README, Performance.
#
# Usage: bench/cold-start.sh             (after: mvn -B -q install -DskipTests)
#        RUNS=20 ONLY='aws-carried python' CDS=0 bench/cold-start.sh
# Needs: java 17, /usr/bin/python3 with Debian's python3-boto3, GNU time (/usr/bin/time; without it
# peak RSS is read from os.wait4 in a small Python wrapper instead, and the script says so; NO_GNU_TIME=1
# forces that path). With the wrapper, "process" also counts the wrapper's own start (~20 ms).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-10}
CDS=${CDS:-1}
ONLY=${ONLY:-}
WORK=${WORK:-$ROOT/bench/target/cold-start}
M2=${M2:-$HOME/.m2/repository}
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

LAMBDA_FLAGS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# The Azure Functions Java worker's defaults (its worker.config.json; -noverify left out: deprecated on 17).
AZURE_FLAGS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
# Cloud Functions' java17 runtime adds no flag of its own; the deployment in gcp-function/README.md
# sets JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1.
GCP_FLAGS="-XX:TieredStopAtLevel=1"

AWS_JAR=aws-lambda/target/aws-lambda-$VERSION-lambda.jar
AZURE_APP=azure-function/target/azure-functions/containerwatch
GCP_JAR=gcp-function/target/deploy/containerwatch-gcp.jar
AZURE_CORE=$M2/com/microsoft/azure/functions/azure-functions-java-core-library/1.3.0/azure-functions-java-core-library-1.3.0.jar
GCP_API=$M2/com/google/cloud/functions/functions-framework-api/2.0.0/functions-framework-api-2.0.0.jar:$M2/io/cloudevents/cloudevents-api/4.0.1/cloudevents-api-4.0.1.jar

die() { echo "cold-start: $*" >&2; exit 1; }

VARIANTS="hello python aws-carried aws-api azure-carried azure-api gcp-carried gcp-api"
if [ "$CDS" = 1 ]; then
  VARIANTS="$VARIANTS aws-carried+cds aws-api+cds azure-carried+cds azure-api+cds gcp-carried+cds gcp-api+cds"
fi
if [ -n "$ONLY" ]; then
  VARIANTS=$ONLY
fi
# Whether a cloud's handler is among the variants run (ONLY='azure-api python' needs no AWS build).
wanted() { case " $VARIANTS " in *" $1-"*) return 0 ;; *) return 1 ;; esac; }

# ---- prerequisites ----
command -v java >/dev/null || die "java not found (Java 17 is needed)"
NEEDED=()
wanted aws && NEEDED+=("$AWS_JAR" aws-lambda/target/test-classes/dev/containerwatch/aws/bench/ColdStart.class)
wanted azure && NEEDED+=("$AZURE_APP/azure-function-$VERSION.jar" azure-function/target/test-classes/dev/containerwatch/azure/bench/ColdStart.class "$AZURE_CORE")
wanted gcp && NEEDED+=("$GCP_JAR" gcp-function/target/test-classes/dev/containerwatch/gcp/ColdStart.class)
for f in "${NEEDED[@]}"; do
  [ -e "$f" ] || die "$f is missing: build first with  mvn -B -q install -DskipTests"
done
PY=/usr/bin/python3
if ! $PY -c 'import boto3' 2>/dev/null; then
  die "the Python reference needs Debian's python3-boto3 for /usr/bin/python3: apt-get install -y python3-boto3"
fi
if [ "${NO_GNU_TIME:-0}" != 1 ] && [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null; then
  RSS_HOW="GNU time %M"
else
  RSS_HOW="os.wait4 ru_maxrss (GNU time not found: apt-get install -y time)"
fi

mkdir -p "$WORK/results" "$WORK/lib"
rm -f "$WORK"/results/*
if wanted aws; then (cd aws-lambda/target/test-classes && jar cf "$WORK/lib/aws-coldstart.jar" dev/containerwatch/aws/bench); fi
if wanted azure; then (cd azure-function/target/test-classes && jar cf "$WORK/lib/azure-coldstart.jar" dev/containerwatch/azure/bench); fi
if wanted gcp; then (cd gcp-function/target/test-classes && jar cf "$WORK/lib/gcp-coldstart.jar" dev/containerwatch/gcp/ColdStart*.class); fi
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$WORK/lib/Hello.java"
javac -d "$WORK/lib" "$WORK/lib/Hello.java"

# ---- the local stub ----
rm -f "$WORK/stub.port"
$PY bench/stub.py --port 0 --port-file "$WORK/stub.port" --seconds 3600 &
STUB_PID=$!
trap 'kill $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$WORK/stub.port" ] && break; sleep 0.1; done
[ -s "$WORK/stub.port" ] || die "the stub did not start"
STUB=http://127.0.0.1:$(cat "$WORK/stub.port")

AWS_CP=$AWS_JAR:$WORK/lib/aws-coldstart.jar
AZURE_CP=$AZURE_APP/azure-function-$VERSION.jar:$AZURE_APP/lib/*:$AZURE_CORE:$WORK/lib/azure-coldstart.jar
GCP_CP=$GCP_JAR:$GCP_API:$WORK/lib/gcp-coldstart.jar

# The environment each variant runs with (beyond the machine's), and its command.
env_of() {
  case $1 in
    python) echo "AWS_DEFAULT_REGION=eu-west-1 AWS_EC2_METADATA_DISABLED=true" ;;
    aws-carried*) echo "AWS_REGION=eu-west-1 CONTAINERWATCH_ACCOUNT_ID=418273645091" ;;
    aws-api*) echo "AWS_REGION=eu-west-1 CONTAINERWATCH_ACCOUNT_ID=418273645091 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_ENDPOINT_URL=$STUB AWS_ENDPOINT_URL_SECURITYHUB=$STUB" ;;
    azure-api*) echo "IDENTITY_ENDPOINT=$STUB/msi/token IDENTITY_HEADER=bench CONTAINERWATCH_ARM_ENDPOINT=$STUB" ;;
    gcp-carried*) echo "CONTAINERWATCH_GCP_CREDENTIALS=none" ;;
    gcp-api*) echo "CONTAINERWATCH_GCP_CREDENTIALS=none CONTAINERWATCH_CONTAINER_ENDPOINT=$STUB CONTAINERWATCH_SCC_ENDPOINT=$STUB CONTAINERWATCH_SCC_SOURCE=organizations/582019374625/sources/7241935786402716215" ;;
    *) echo "" ;;
  esac
}

cds_flag() { # archive of a variant, when CDS is on and the variant asks for it
  case $1 in *+cds) echo "-XX:SharedArchiveFile=$WORK/${1%%-*}.jsa" ;; *) echo "" ;; esac
}

cmd_of() {
  local v=$1 cds
  cds=$(cds_flag "$v")
  case ${v%+cds} in
    hello) echo "java $LAMBDA_FLAGS -cp $WORK/lib Hello" ;;
    python) echo "$PY -c import\ boto3;\ boto3.client(\"securityhub\");\ boto3.client(\"eks\")" ;;
    aws-carried) echo "java $LAMBDA_FLAGS $cds -cp $AWS_CP dev.containerwatch.aws.bench.ColdStart local events-samples/aws/cloudwatch-logs-eks-audit.json" ;;
    aws-api) echo "java $LAMBDA_FLAGS $cds -cp $AWS_CP dev.containerwatch.aws.bench.ColdStart env events-samples/aws/config-eks-cluster.json" ;;
    azure-carried) echo "java $AZURE_FLAGS $cds -cp $AZURE_CP dev.containerwatch.azure.bench.ColdStart local events-samples/azure/eventhub/kube-audit-batch.json" ;;
    azure-api) echo "java $AZURE_FLAGS $cds -cp $AZURE_CP dev.containerwatch.azure.bench.ColdStart env events-samples/azure/eventgrid/arn-aks-created-or-updated-eventgrid.json" ;;
    gcp-carried) echo "java $GCP_FLAGS $cds -cp $GCP_CP dev.containerwatch.gcp.ColdStart local events-samples/gcp/asset-cluster-misconfigured.json" ;;
    gcp-api) echo "java $GCP_FLAGS $cds -cp $GCP_CP dev.containerwatch.gcp.ColdStart env events-samples/gcp/asset-nodepool-created.json" ;;
  esac
}


# One run: appends "first_ms wall_ms rss_kb" to results/VARIANT (unless it is the warm-up).
run_one() {
  local v=$1 record=$2 out="$WORK/out" err="$WORK/err" tf="$WORK/time" t0 t1 first wall rss
  local -a envs cmd
  read -r -a envs <<<"$(env_of "$v")"
  if [ "${v%+cds}" = python ]; then
    cmd=("$PY" -c 'import boto3; boto3.client("securityhub"); boto3.client("eks")')
  else
    read -r -a cmd <<<"$(cmd_of "$v")"
  fi
  t0=$(date +%s%3N)
  if [ "${RSS_HOW#GNU}" != "$RSS_HOW" ]; then
    env "${envs[@]}" /usr/bin/time -f "%e %M" -o "$tf" "${cmd[@]}" >"$out" 2>"$err" || {
      echo "cold-start: $v failed:" >&2; tail -5 "$err" >&2; exit 1; }
    rss=$(awk '{print $2}' "$tf")
  else
    env "${envs[@]}" $PY -c 'import os,sys; p=os.fork()
if p==0:
    os.execvp(sys.argv[2], sys.argv[2:])
_,st,ru=os.wait4(p,0); open(sys.argv[1],"w").write(str(ru.ru_maxrss)); sys.exit(os.waitstatus_to_exitcode(st))' \
      "$tf" "${cmd[@]}" >"$out" 2>"$err" || { echo "cold-start: $v failed:" >&2; tail -5 "$err" >&2; exit 1; }
    rss=$(cat "$tf")
  fi
  t1=$(date +%s%3N)
  wall=$((t1 - t0))
  first=$(awk '/^first-finding-ms /{print $2; exit}' "$err")
  if [ -n "$first" ]; then first=$((first - t0)); else
    case $v in hello|python) first=$wall ;; *) echo "cold-start: $v wrote no finding:" >&2; tail -5 "$err" >&2; exit 1 ;; esac
  fi
  [ "$record" = 1 ] && echo "$first $wall $rss" >>"$WORK/results/$v"
  return 0
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "cold-start: $RUNS rounds of: $VARIANTS" >&2

# ---- CDS archives: one training run per artifact (the API event then the carried one, through the
# stub), same JVM, flags and class path ----
CDS_NOTES=""
rm -f "$WORK"/*.jsa "$WORK"/hs_err_*.log
if [ "$CDS" = 1 ]; then
  for cloud in aws azure gcp; do
    case " $VARIANTS " in *" $cloud-"*"+cds "*) ;; *) continue ;; esac
    rm -f "$WORK/$cloud.jsa"
    read -r -a envs <<<"$(env_of "$cloud-api")"
    carried_event=$(cmd_of "$cloud-carried" | awk '{print $NF}')
    dump="java -XX:ArchiveClassesAtExit=$WORK/$cloud.jsa -XX:ErrorFile=$WORK/hs_err_%p.log "
    read -r -a cmd <<<"$(cmd_of "$cloud-api" | sed "s|^java |$dump|") $carried_event"
    if ! env "${envs[@]}" "${cmd[@]}" >/dev/null 2>"$WORK/err"; then
      # JDK 17 can crash while dumping a dynamic archive (lambda proxy classes,
      # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): train on the carried event alone.
      echo "cold-start: CDS training of $cloud on both events failed (JVM: $(grep -m1 -o 'SIGSEGV.*\|Problematic.*' "$WORK"/hs_err_*.log 2>/dev/null | head -1)); training on the carried event only" >&2
      rm -f "$WORK/$cloud.jsa"
      read -r -a envs <<<"$(env_of "$cloud-carried")"
      read -r -a cmd <<<"$(cmd_of "$cloud-carried" | sed "s|^java |$dump|")"
      env "${envs[@]}" "${cmd[@]}" >/dev/null 2>"$WORK/err" || { tail -5 "$WORK/err" >&2; die "CDS training of $cloud failed"; }
      CDS_NOTES="$CDS_NOTES $cloud: archive of the carried event only (the JVM crashed dumping the API event's classes);"
    else
      CDS_NOTES="$CDS_NOTES $cloud: archive of both events;"
    fi
    [ -s "$WORK/$cloud.jsa" ] || die "no CDS archive for $cloud"
  done
fi

for round in $(seq 0 "$RUNS"); do
  for v in $VARIANTS; do
    run_one "$v" $([ "$round" = 0 ] && echo 0 || echo 1)
  done
  [ "$round" = 0 ] || printf '.' >&2
done
echo >&2
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

PY_MS=$(awk '{print $2}' "$WORK/results/python" 2>/dev/null | median || echo nan)
HELLO_MS=$(awk '{print $2}' "$WORK/results/hello" 2>/dev/null | median || echo nan)
echo
echo "Cold path: median of $RUNS runs; $(nproc) cores, $(java -version 2>&1 | head -1), load $LOAD_BEFORE before, $LOAD_AFTER after; RSS: $RSS_HOW"
printf '%-18s %14s %10s %10s %10s %10s  %s\n' variant "first finding" "process" "peak RSS" "/python" "/hello" "budget"
for v in $VARIANTS; do
  f="$WORK/results/$v"
  first=$(awk '{print $1}' "$f" | median)
  wall=$(awk '{print $2}' "$f" | median)
  rss=$(awk '{print $3}' "$f" | median)
  budget=""
  case $v in
    *-carried*) budget=1.0 ;;
    *-api*) budget=2.0 ;;
  esac
  awk -v v="$v" -v f="$first" -v w="$wall" -v r="$rss" -v p="$PY_MS" -v h="$HELLO_MS" -v b="$budget" 'BEGIN {
    ratio = (p > 0) ? f / p : 0; verdict = "";
    if (b != "") verdict = (ratio <= b + 0) ? "<= " b " met" : "<= " b " MISSED by " sprintf("%.0f%%", (ratio / b - 1) * 100);
    printf "%-18s %11.0f ms %7.0f ms %7.0f MB %10.2f %10.1f  %s\n", v, f, w, r / 1024, ratio, (h > 0 ? f / h : 0), verdict }'
done
if [ -n "$CDS_NOTES" ]; then
  echo "+cds:$CDS_NOTES archives $(for c in aws azure gcp; do [ -e "$WORK/$c.jsa" ] && printf '%s %s MB, ' "$c" "$(( $(wc -c <"$WORK/$c.jsa") / 1048576 ))"; done | sed 's/, $//')"
fi
