#!/usr/bin/env bash
# Reads against ingest: one Glasshouse (server/target/glasshouse.jar, fresh data folder), the remote-write load
# generator flat out, first alone and then with `readload` querying the read API concurrently; prints both
# loadgen results and the readload result. Stops everything it started.
#
# Usage: benchmarks/run-read-vs-ingest.sh
# Environment (defaults in brackets):
#   DURATION [30]  WARMUP [20]  INSTANCES [200]  SERIES [1000]  CONCURRENCY [8]  READERS [4]  MIX [counters]
#   RATE [0]  samples/s offered by loadgen (0 = as fast as the server answers)
#   ORDER [alone-first]  or reads-first: which half runs first (the first half also warms the JIT up)
#   WORK [mktemp]  folder for data, logs and results (kept)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=$ROOT/benchmarks/target/glasshouse-bench.jar
GH_JAR=$ROOT/server/target/glasshouse.jar
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
INSTANCES=${INSTANCES:-200}
SERIES=${SERIES:-1000}
CONCURRENCY=${CONCURRENCY:-8}
READERS=${READERS:-4}
MIX=${MIX:-counters}
RATE=${RATE:-0}
ORDER=${ORDER:-alone-first}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-reads.XXXXXX)}
PORT=18080
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

loadgen() {
  java -Xmx2g -jar "$BENCH_JAR" loadgen --target "http://127.0.0.1:$PORT" --server-pid "$PID" \
    --instances "$INSTANCES" --series "$SERIES" --concurrency "$CONCURRENCY" --mix "$MIX" --rate "$RATE" \
    --duration "${DURATION}s" --warmup "${WARMUP}s"
}

alone() {
  log "ingest alone"
  loadgen | tee "$WORK/ingest-alone.txt"
}

with_reads() {
  log "ingest with $READERS readers querying the read API"
  java -jar "$BENCH_JAR" readload --target "http://127.0.0.1:$PORT" --concurrency "$READERS" \
    --duration "$DURATION" --warmup "$WARMUP" --mix "$MIX" >"$WORK/readload.txt" 2>&1 &
  local read_pid=$!
  loadgen | tee "$WORK/ingest-with-reads.txt"
  wait "$read_pid" || true
  cat "$WORK/readload.txt"
}

if [ "$ORDER" = reads-first ]; then
  with_reads
  alone
else
  alone
  with_reads
fi

log "results in $WORK"
for f in ingest-alone ingest-with-reads readload; do echo "$f: $(grep -h '^RESULT' "$WORK/$f.txt")"; done
