#!/usr/bin/env bash
# Findings through each native sink to a local stub that enforces that store's documented limits.
#
#   Security Hub   BatchImportFindings: 100 findings and 6 MB per request, 10 requests/s, burst 30
#   SCC            writes (UpdateFinding): 1,000 per minute per project (a bucket of 1,000, 16.7/s)
#   ARM            subscription writes (assessment PUTs): bucket 200, refilled 10/s (the regional
#                  token bucket of 2024); 429 with Retry-After past them
#
# Each sink is driven as its function writes (one write per evaluated resource, the production retry
# policy, real waits) by the SinkThroughput main of the module's tests, with COUNT findings (10,000
# by default). The stub counts the requests, the 429s, the findings received, the distinct ones, and
# any received twice (doubled). Lost = findings the sink should have stored (all for Security Hub;
# all but UNKNOWN for SCC and ARM, which do not write UNKNOWN) less the distinct ones received.
# "sustained" is the requests accepted beyond the burst per second of the run, against the limit's
# refill rate (the budget: at least 90%): the time the limit imposes on that many requests over the
# time taken. A run that stays within the burst is not limited by the store (n/a).
#
# Usage: bench/sinks.sh                     (after: mvn -B -q install -DskipTests; ~30 minutes:
#        COUNT=2000 ONLY=securityhub bench/sinks.sh       SCC and ARM are slow by design)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COUNT=${COUNT:-10000}
ONLY=${ONLY:-securityhub scc arm}
WORK=${WORK:-$ROOT/bench/target/sinks}
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
PY=/usr/bin/python3
command -v $PY >/dev/null || PY=python3
mkdir -p "$WORK"

AWS_JAR=aws-lambda/target/aws-lambda-$VERSION-lambda.jar
AZURE_APP=azure-function/target/azure-functions/containerwatch
GCP_JAR=gcp-function/target/deploy/containerwatch-gcp.jar
for f in "$AWS_JAR" "$AZURE_APP/azure-function-$VERSION.jar" "$GCP_JAR" \
  aws-lambda/target/test-classes/dev/containerwatch/aws/bench/SinkThroughput.class \
  common-rules/target/test-classes/dev/containerwatch/testing/SinkDrive.class; do
  [ -e "$f" ] || { echo "sinks: $f is missing: build first with  mvn -B -q install -DskipTests" >&2; exit 1; }
done
# Each module's main, with the loop they share (common-rules' tests, SinkDrive).
for m in aws:aws-lambda:dev/containerwatch/aws/bench azure:azure-function:dev/containerwatch/azure/bench \
  gcp:gcp-function:dev/containerwatch/gcp/SinkThroughput*.class; do
  IFS=: read -r name module classes <<<"$m"
  (cd "$module/target/test-classes" && jar cf "$WORK/$name-bench.jar" $classes)
  (cd common-rules/target/test-classes && jar uf "$WORK/$name-bench.jar" dev/containerwatch/testing/SinkDrive*.class)
done

rm -f "$WORK/stub.port"
$PY bench/stub.py --port 0 --port-file "$WORK/stub.port" --seconds 7200 \
  --limits securityhub=10:30,scc=16.6667:1000,arm=10:200 &
STUB_PID=$!
trap 'kill $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$WORK/stub.port" ] && break; sleep 0.1; done
STUB=http://127.0.0.1:$(cat "$WORK/stub.port")

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A RESULT
for store in $ONLY; do
  curl -s -X POST "$STUB/__reset" >/dev/null
  case $store in
    securityhub) cmd=(java -cp "$AWS_JAR:$WORK/aws-bench.jar" dev.containerwatch.aws.bench.SinkThroughput "$STUB" "$COUNT" benchmarks/src/main/resources/bench/deployment.json) ;;
    scc) cmd=(java -cp "$GCP_JAR:$WORK/gcp-bench.jar" dev.containerwatch.gcp.SinkThroughput "$STUB" "$COUNT" benchmarks/src/main/resources/bench/gke.json) ;;
    arm) cmd=(java -cp "$AZURE_APP/azure-function-$VERSION.jar:$AZURE_APP/lib/*:$WORK/azure-bench.jar" dev.containerwatch.azure.bench.SinkThroughput "$STUB" "$COUNT" benchmarks/src/main/resources/bench/aks.json) ;;
    *) echo "sinks: unknown store $store" >&2; exit 1 ;;
  esac
  echo "sinks: $store, $COUNT findings..." >&2
  line=$("${cmd[@]}" 2>"$WORK/$store.err" | tail -1)
  grep -c 'write failed' "$WORK/$store.err" >/dev/null && grep 'write failed' "$WORK/$store.err" | head -3 >&2 || true
  stats=$(curl -s "$STUB/__stats")
  RESULT[$store]="$line|$stats"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "Sinks: $COUNT findings each; $(nproc) cores, load $LOAD_BEFORE before, $LOAD_AFTER after"
printf '%-12s %9s %8s %10s %9s %6s %10s %9s %6s %8s  %s\n' store findings seconds findings/s requests 429s sustained "of limit" lost doubled budget
for store in $ONLY; do
  $PY - "$store" "${RESULT[$store]}" <<'EOF'
import json, sys
store, raw = sys.argv[1], sys.argv[2]
line, stats = raw.split("|", 1)
f = line.split()
d = dict(zip(f[0::2], f[1::2]))
findings, unknown, seconds, failures = int(d["findings"]), int(d["unknown"]), float(d["seconds"]), int(d["failures"])
s = json.loads(stats).get(store, {})
limits = {"securityhub": (10, 30), "scc": (1000 / 60, 1000), "arm": (10, 200)}
rate, burst = limits[store]
accepted = s.get("requests", 0) - s.get("throttled", 0) - s.get("rejected", 0)
sustained = max(0, accepted - burst) / seconds if seconds > 0 else 0
share = sustained / rate if accepted > burst else float("nan")
expected = findings if store == "securityhub" else findings - unknown
lost = expected - s.get("distinct", 0)
ok = share >= 0.9 and lost == 0 and s.get("doubled", 0) == 0 and failures == 0
verdict = ("met" if ok else "MISSED") if accepted > burst else "n/a (within the burst)"
print(f"{store:<12} {findings:>9} {seconds:>8.1f} {findings / seconds:>10.0f} {s.get('requests', 0):>9} "
      f"{s.get('throttled', 0):>6} {sustained:>7.1f}/s {share * 100:>8.0f}% {lost:>6} {s.get('doubled', 0):>8}  "
      f">= 90%, 0 lost, 0 doubled: {verdict}" + (f" ({failures} failed writes)" if failures else ""))
EOF
done
