#!/usr/bin/env bash
# Side-by-side ingest benchmark: the same load generator and the same payloads against VictoriaMetrics
# (Debian's victoria-metrics, loopback) and then against Glasshouse; prints both figures and the ratio, peak
# RSS of both servers, and Glasshouse's heap per series after a full GC. Stops everything it started.
#
# Usage: benchmarks/run-ingest.sh [extra loadgen options, e.g. --mix mixed --concurrency 16]
# Environment (defaults in brackets):
#   DURATION [30s]  WARMUP [20s]  INSTANCES [200]  SERIES [1000]  CONCURRENCY [8]  MIX [counters]
#   PROTOCOL [remote-write]  (otlp only makes sense with PEERS=glasshouse: VictoriaMetrics 1.79 takes no OTLP)
#   PEERS ["victoria-metrics glasshouse"]   which servers to measure, in order
#   GH_SERVER [auto]  jar: server/target/glasshouse.jar; serve: the bench jar's "serve" (collector + engine on
#                     the embedded store, wired like the launcher); auto: the jar if it starts, else serve
#   GH_JAVA_OPTS []   extra JVM options for Glasshouse
#   PROFILE [0]       1: record JFR on Glasshouse during the run and print its top frames
#   WORK [mktemp]     folder for data, logs and results (kept)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=$ROOT/benchmarks/target/glasshouse-bench.jar
GH_JAR=$ROOT/server/target/glasshouse.jar
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
INSTANCES=${INSTANCES:-200}
SERIES=${SERIES:-1000}
CONCURRENCY=${CONCURRENCY:-8}
MIX=${MIX:-counters}
PROTOCOL=${PROTOCOL:-remote-write}
PEERS=${PEERS:-victoria-metrics glasshouse}
GH_SERVER=${GH_SERVER:-auto}
GH_JAVA_OPTS=${GH_JAVA_OPTS:-}
PROFILE=${PROFILE:-0}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-ingest.XXXXXX)}
VM_PORT=8428
GH_PORT=18080
mkdir -p "$WORK"

STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

log() { echo "run-ingest: $*" >&2; }

wait_http() { # url seconds pid
  local url=$1 secs=$2 pid=$3
  for _ in $(seq 1 $((secs * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if curl -sf -o /dev/null "$url"; then return 0; fi
    sleep 0.2
  done
  return 1
}

stop_pid() { # pid
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  log "pid $pid did not stop within 60 s of SIGTERM; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

if [ ! -f "$BENCH_JAR" ]; then
  log "building $BENCH_JAR"
  (cd "$ROOT" && mvn -q -Pbenchmarks -pl benchmarks -am package -DskipTests)
fi

loadgen() { # target pid outfile
  java -Xmx2g -jar "$BENCH_JAR" loadgen --target "$1" --server-pid "$2" --protocol "$PROTOCOL" \
    --instances "$INSTANCES" --series "$SERIES" --concurrency "$CONCURRENCY" --mix "$MIX" \
    --duration "$DURATION" --warmup "$WARMUP" "${EXTRA[@]}" | tee "$3" || log "loadgen against $1 accepted nothing"
}
EXTRA=("$@")

run_victoria_metrics() {
  if ! command -v victoria-metrics >/dev/null; then
    log "installing Debian's victoria-metrics"
    DEBIAN_FRONTEND=noninteractive apt-get install -y victoria-metrics >"$WORK/apt.log" 2>&1
  fi
  rm -rf "$WORK/vm-data"
  victoria-metrics -storageDataPath "$WORK/vm-data" -httpListenAddr "127.0.0.1:$VM_PORT" >"$WORK/vm.log" 2>&1 &
  local pid=$!
  STARTED+=("$pid")
  wait_http "http://127.0.0.1:$VM_PORT/health" 60 "$pid" || { log "VictoriaMetrics did not start; see $WORK/vm.log"; exit 1; }
  log "VictoriaMetrics $(dpkg-query -W -f='${Version}' victoria-metrics 2>/dev/null) pid $pid"
  log "load average before the VictoriaMetrics run: $(cut -d' ' -f1-3 /proc/loadavg)"
  loadgen "http://127.0.0.1:$VM_PORT/api/v1/write" "$pid" "$WORK/victoria-metrics.txt"
  stop_pid "$pid"
}

start_glasshouse() { # mode -> sets GH_PID, GH_KIND
  local mode=$1 jfr=()
  rm -rf "$WORK/gh-data"
  if [ "$PROFILE" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$WORK/glasshouse.jfr,settings=profile")
  fi
  if [ "$mode" = jar ]; then
    # shellcheck disable=SC2086
    java $GH_JAVA_OPTS "${jfr[@]}" -jar "$GH_JAR" --data "$WORK/gh-data" --port "$GH_PORT" >"$WORK/glasshouse.log" 2>&1 &
    GH_KIND="server/target/glasshouse.jar"
  else
    # shellcheck disable=SC2086
    java $GH_JAVA_OPTS "${jfr[@]}" -jar "$BENCH_JAR" serve --data "$WORK/gh-data" --port "$GH_PORT" >"$WORK/glasshouse.log" 2>&1 &
    GH_KIND="glasshouse-bench.jar serve (collector + rollup engine + SQLite store, launcher not used)"
  fi
  GH_PID=$!
  STARTED+=("$GH_PID")
  wait_http "http://127.0.0.1:$GH_PORT/health/ready" 90 "$GH_PID"
}

run_glasshouse() {
  local mode=$GH_SERVER
  if [ "$mode" = auto ]; then
    mode=serve
    if [ -f "$GH_JAR" ]; then
      if start_glasshouse jar; then
        mode=started
      else
        log "server/target/glasshouse.jar did not become ready (see $WORK/glasshouse.log); using the bench server"
        stop_pid "$GH_PID" || true
      fi
    fi
  fi
  if [ "$mode" != started ]; then
    start_glasshouse "$mode" || { log "Glasshouse did not start; see $WORK/glasshouse.log"; exit 1; }
  fi
  log "Glasshouse: $GH_KIND, pid $GH_PID"
  echo "$GH_KIND" >"$WORK/glasshouse-kind.txt"
  log "load average before the Glasshouse run: $(cut -d' ' -f1-3 /proc/loadavg)"
  loadgen "http://127.0.0.1:$GH_PORT" "$GH_PID" "$WORK/glasshouse.txt"
  curl -sf "http://127.0.0.1:$GH_PORT/metrics" >"$WORK/glasshouse-metrics.txt" || true
  # Heap after a full GC with every series live: an upper bound per series (it includes the server's baseline).
  jcmd "$GH_PID" GC.run >/dev/null 2>&1 || true
  sleep 2
  jcmd "$GH_PID" GC.heap_info >"$WORK/glasshouse-heap.txt" 2>&1 || true
  if [ "$PROFILE" = 1 ]; then
    jcmd "$GH_PID" JFR.dump name=1 filename="$WORK/glasshouse.jfr" >/dev/null
    java -jar "$BENCH_JAR" jfr-top "$WORK/glasshouse.jfr" --top 25 | tee "$WORK/glasshouse-profile.txt"
  fi
  stop_pid "$GH_PID"
}

for peer in $PEERS; do
  case $peer in
    victoria-metrics) run_victoria_metrics ;;
    glasshouse) run_glasshouse ;;
    *) log "unknown peer $peer"; exit 2 ;;
  esac
done

field() { # file key
  [ -f "$1" ] || { echo "-"; return; }
  grep '^RESULT ' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}

echo
echo "== side by side: $PROTOCOL $MIX, $INSTANCES instances x $SERIES series, concurrency $CONCURRENCY, $DURATION after >= $WARMUP warm-up =="
printf '%-26s %18s %18s\n' "" "VictoriaMetrics" "Glasshouse"
for k in samples_per_s requests_per_s p50_ms p99_ms errors server_peak_rss_mib server_cpu samples_per_cpu_s gen_cpu other_cpu; do
  printf '%-26s %18s %18s\n' "$k" "$(field "$WORK/victoria-metrics.txt" $k)" "$(field "$WORK/glasshouse.txt" $k)"
done
vm=$(field "$WORK/victoria-metrics.txt" samples_per_s)
gh=$(field "$WORK/glasshouse.txt" samples_per_s)
if [ "$vm" != "-" ] && [ "$gh" != "-" ] && [ -n "$vm" ] && [ -n "$gh" ]; then
  awk -v g="$gh" -v v="$vm" 'BEGIN { if (v > 0) printf "ratio Glasshouse / VictoriaMetrics: %.3f\n", g / v }'
  vme=$(field "$WORK/victoria-metrics.txt" samples_per_cpu_s)
  ghe=$(field "$WORK/glasshouse.txt" samples_per_cpu_s)
  awk -v g="$ghe" -v v="$vme" 'BEGIN { if (v > 0 && g > 0) printf "ratio per server CPU-second (less sensitive to other load): %.3f\n", g / v }'
fi
if [ -f "$WORK/glasshouse-heap.txt" ]; then
  used_k=$(grep -o 'used [0-9]*K' "$WORK/glasshouse-heap.txt" | head -1 | tr -dc '0-9')
  if [ -n "$used_k" ]; then
    series=$((INSTANCES * SERIES))
    awk -v u="$used_k" -v s="$series" 'BEGIN { printf "Glasshouse heap after full GC: %.0f MiB = %.0f bytes per input series (%d series; includes the server baseline)\n", u / 1024, u * 1024 / s, s }'
  fi
fi
if [ -s "$WORK/glasshouse-metrics.txt" ]; then
  echo "Glasshouse journal group commit (write + fsync), from its /metrics:"
  grep -E '^glasshouse_journal_commit_seconds(\{quantile|_count|_sum|_max)' "$WORK/glasshouse-metrics.txt" | sed 's/^/  /' || true
fi
[ -f "$WORK/glasshouse-kind.txt" ] && echo "Glasshouse measured: $(cat "$WORK/glasshouse-kind.txt")"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results, logs and data in $WORK"
