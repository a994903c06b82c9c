#!/usr/bin/env bash
# Where large bodies are decoded: worker pool (the default, collector.decode-on-worker-above-bytes 64 KiB, i.e.
# compressed bodies above 4 KiB) against event loops (the threshold raised to 1 GiB, so every body is
# decompressed, decoded and validated on the event loop that received it). Each side gets a fresh Glasshouse and
# the same remote-write load flat out with large bodies; meanwhile a probe opens a new connection every
# PROBE_MS and times GET /health/ready, which is answered on an event loop: its latency is how long an event
# loop is busy with something else. Prints, per side, the loadgen result and the probe's p50/p99/max; the sides
# run one after the other in the same run, ORDER decides which first. Stops everything it started.
#
# Usage: benchmarks/run-decode-placement.sh
# Environment (defaults in brackets):
#   DURATION [30]  WARMUP [20]  INSTANCES [20]  SERIES [10000] (one body per instance: 10,000 samples)
#   CONCURRENCY [8]  MIX [counters]  PROBE_MS [50]  ORDER ["worker loop"]
#   GH_JAR, BENCH_JAR [server/target/glasshouse.jar, benchmarks/target/glasshouse-bench.jar]
#   PORT [free port]  WORK [mktemp]  folder for data, logs and results (kept)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/glasshouse-bench.jar}
GH_JAR=${GH_JAR:-$ROOT/server/target/glasshouse.jar}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
INSTANCES=${INSTANCES:-20}
SERIES=${SERIES:-10000}
CONCURRENCY=${CONCURRENCY:-8}
MIX=${MIX:-counters}
PROBE_MS=${PROBE_MS:-50}
ORDER=${ORDER:-worker loop}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-decode.XXXXXX)}
mkdir -p "$WORK"

log() { echo "run-decode-placement: $*" >&2; }

PID=
PROBE=
stop_all() {
  [ -n "$PROBE" ] && kill "$PROBE" 2>/dev/null || true
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  wait "$PID" 2>/dev/null || true
  PID=
  PROBE=
}
trap stop_all EXIT

# The probe: a new connection per request (so both event loops are sampled), one line of milliseconds each.
cat >"$WORK/probe.py" <<'PY'
import http.client, sys, time
port, every, out = int(sys.argv[1]), float(sys.argv[2]) / 1000, sys.argv[3]
with open(out, "w", buffering=1) as f:
    while True:
        t0 = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("GET", "/health/ready")
            c.getresponse().read()
            c.close()
            f.write("%.3f\n" % ((time.monotonic() - t0) * 1000))
        except Exception as e:
            f.write("error %s\n" % type(e).__name__)
        time.sleep(max(0, every - (time.monotonic() - t0)))
PY

side() { # name threshold
  local name=$1 threshold=$2
  GLASSHOUSE_COLLECTOR_DECODE_ON_WORKER_ABOVE_BYTES=$threshold \
    java -jar "$GH_JAR" --data "$WORK/data-$name" --port "$PORT" >"$WORK/glasshouse-$name.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
    sleep 1
  done
  log "$name: decode-on-worker-above-bytes=$threshold, pid $PID; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx2g -jar "$BENCH_JAR" loadgen --target "http://127.0.0.1:$PORT" --server-pid "$PID" \
    --instances "$INSTANCES" --series "$SERIES" --concurrency "$CONCURRENCY" --mix "$MIX" \
    --duration "${DURATION}s" --warmup "${WARMUP}s" >"$WORK/loadgen-$name.txt" 2>&1 &
  local lg=$!
  sleep "$WARMUP"
  python3 "$WORK/probe.py" "$PORT" "$PROBE_MS" "$WORK/probe-$name.txt" &
  PROBE=$!
  wait "$lg" || true
  kill "$PROBE" 2>/dev/null || true
  wait "$PROBE" 2>/dev/null || true
  PROBE=
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$WORK/load-$name.txt"
  curl -fs "http://127.0.0.1:$PORT/metrics" | grep '^glasshouse_ingest_decoded_on_worker_total' \
    >"$WORK/worker-$name.txt" || true
  stop_all
}

for s in $ORDER; do
  case $s in
    worker) side worker 64KiB ;;
    loop) side loop 1GiB ;;
  esac
done

echo "== decode placement (work folder $WORK) =="
for s in $ORDER; do
  python3 - "$WORK/probe-$s.txt" "$s" "$(cat "$WORK/load-$s.txt")" <<'PY'
import sys
vals, errors = [], 0
for line in open(sys.argv[1]):
    if line.startswith("error"):
        errors += 1
    else:
        vals.append(float(line))
vals.sort()
q = lambda p: vals[min(len(vals) - 1, int(p * len(vals)))] if vals else float("nan")
print("%-6s /health/ready: %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed; load average at end %s"
      % (sys.argv[2], len(vals), q(0.5), q(0.99), vals[-1] if vals else float("nan"), errors, sys.argv[3]))
PY
  echo "$s    $(grep -h '^RESULT' "$WORK/loadgen-$s.txt")"
  echo "$s    decoded on worker: $(awk '{s += $NF} END {printf "%.0f", s}' "$WORK/worker-$s.txt") requests"
done
