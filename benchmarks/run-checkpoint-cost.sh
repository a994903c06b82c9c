#!/usr/bin/env bash
# Checkpoint cost and store size: one Glasshouse (GH_JAR, fresh data folder, default configuration) under the
# remote-write load generator at a fixed offered rate; then the checkpoint timer from /metrics, a graceful stop
# (final checkpoint), and the store's size and cell counts per table. Run it against two jars (with and without
# downsampling) for a side-by-side figure. Stops everything it started.
#
# Usage: [GH_JAR=path/to/glasshouse.jar] benchmarks/run-checkpoint-cost.sh [extra loadgen options, e.g. --progress 10s]
# Environment (defaults in brackets):
#   DURATION [60]  WARMUP [10]  INSTANCES [200]  SERIES [1000]  CONCURRENCY [4]  MIX [mixed]  RATE [10000]
#   WORK [mktemp]  folder for data, logs and results (kept)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/glasshouse-bench.jar}
GH_JAR=${GH_JAR:-$ROOT/server/target/glasshouse.jar}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
INSTANCES=${INSTANCES:-200}
SERIES=${SERIES:-1000}
CONCURRENCY=${CONCURRENCY:-4}
MIX=${MIX:-mixed}
RATE=${RATE:-10000}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-checkpoints.XXXXXX)}
PORT=${PORT:-18081}
mkdir -p "$WORK"

log() { echo "== $*" >&2; }

java -jar "$GH_JAR" --data "$WORK/gh-data" --port "$PORT" >"$WORK/glasshouse.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  if curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null; then break; fi
  sleep 1
done
log "Glasshouse pid $PID ready; load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -Xmx1g -jar "$BENCH_JAR" loadgen --target "http://127.0.0.1:$PORT" --server-pid "$PID" \
  --instances "$INSTANCES" --series "$SERIES" --concurrency "$CONCURRENCY" --mix "$MIX" --rate "$RATE" \
  --duration "${DURATION}s" --warmup "${WARMUP}s" "$@" | tee "$WORK/loadgen.txt"

curl -fs "http://127.0.0.1:$PORT/metrics" >"$WORK/metrics.txt"
log "load average after the run $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$PID"
wait "$PID" || true
trap - EXIT

echo "RESULT checkpoints: $(grep -E '^glasshouse_store_checkpoint_seconds_(count|sum|max)' "$WORK/metrics.txt" | tr '\n' ' ')"
echo "RESULT store bytes: $(du -cb "$WORK"/gh-data/glasshouse.db* | tail -1 | cut -f1)"
for t in cells hour_cells day_cells series; do
  n=$(sqlite3 "$WORK/gh-data/glasshouse.db" "SELECT COUNT(*) FROM $t" 2>/dev/null || echo "-")
  echo "RESULT rows $t: $n"
done
log "results in $WORK"
