#!/usr/bin/env bash
# Every performance measurement of the project, then one summary: artifact sizes, the engine (JMH),
# the cold path of each handler, the sinks against their stores' limits, and memory.
#
# Usage: bench/run-all.sh                 builds (mvn -B -q install -DskipTests), then runs all
#        SKIP_BUILD=1 bench/run-all.sh    on the artifacts already built
#        Quicker, less precise: ENGINE_OPTS='-wi 2 -i 3' RUNS=10 SINKS_COUNT=2000 bench/run-all.sh
# Takes about 40 minutes on 2 cores, most of it the SCC and ARM sinks at their stores' rates.
# The tables are also kept in bench/target/run-all/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/bench/target/run-all
mkdir -p "$OUT"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "run-all: building" >&2
  mvn -B -q install -DskipTests | grep '\[artifact\]' || true
fi

# ---- sizes ----
AWS_JAR=aws-lambda/target/aws-lambda-$VERSION-lambda.jar
AZURE_APP=azure-function/target/azure-functions/containerwatch
GCP_JAR=gcp-function/target/deploy/containerwatch-gcp.jar
{
  echo "Artifact sizes"
  printf '%-6s %-64s %10s %6s  %s\n' cloud artifact bytes MB budget
  b=$(wc -c <"$AWS_JAR")
  printf '%-6s %-64s %10d %6.1f  %s\n' aws "$AWS_JAR" "$b" "$(awk -v b="$b" 'BEGIN {print b / 1048576}')" \
    "$([ "$b" -le $((20 * 1024 * 1024)) ] && echo '<= 20 MB met' || echo '<= 20 MB MISSED')"
  b=$(find "$AZURE_APP" -type f -exec cat {} + | wc -c)
  printf '%-6s %-64s %10d %6.1f  %s\n' azure "$AZURE_APP/ (staged app)" "$b" "$(awk -v b="$b" 'BEGIN {print b / 1048576}')" "-"
  b=$(wc -c <"$GCP_JAR")
  printf '%-6s %-64s %10d %6.1f  %s\n' gcp "$GCP_JAR" "$b" "$(awk -v b="$b" 'BEGIN {print b / 1048576}')" "-"
} | tee "$OUT/sizes.txt"

# ---- engine ----
echo "run-all: engine (JMH)" >&2
# shellcheck disable=SC2086
java -cp benchmarks/target/benchmarks.jar dev.containerwatch.benchmarks.EngineTable ${ENGINE_OPTS:-} \
  >"$OUT/engine.log" 2>&1
sed -n '/^Engine:/,$p' "$OUT/engine.log" | tee "$OUT/engine.txt"

# ---- cold path ----
echo "run-all: cold path" >&2
RUNS=${RUNS:-10} bench/cold-start.sh 2>"$OUT/cold-start.log" | tee "$OUT/cold-start.txt"

# ---- sinks ----
echo "run-all: sinks" >&2
COUNT=${SINKS_COUNT:-10000} bench/sinks.sh 2>"$OUT/sinks.log" | tee "$OUT/sinks.txt"

# ---- memory ----
echo "run-all: memory" >&2
bench/memory.sh 2>"$OUT/memory.log" | tee "$OUT/memory.txt"

echo
echo "==================== summary ===================="
for t in sizes engine cold-start sinks memory; do
  cat "$OUT/$t.txt"
  echo
done
