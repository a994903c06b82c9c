#!/usr/bin/env bash
# Soak: the packaged server (server/target/glasshouse.jar) as a separate process on loopback with a fresh data
# folder, a simulated fleet over the JSON ingest API with instance churn, a sender outage longer than the
# eviction window, a store outage and repeated kill -9; then the read API's per-minute totals against an
# independent tally of what the instances reported. Exit code 0 only when they are equal.
#
# Usage: benchmarks/run-soak.sh [soak options, e.g. --sim-minutes 240 --kills 10,20,30]
#        (java -jar benchmarks/target/glasshouse-bench.jar soak --help lists them)
# Environment: WORK [mktemp]  folder for the data folder, configuration and server log (kept)
#              BUILD [1]      0: use the jars as they are
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [ "${BUILD:-1}" = 1 ]; then
  echo "== building server and benchmark jars" >&2
  mvn -q -o -Pbenchmarks -pl server,benchmarks -am package -DskipTests
fi
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-soak.XXXXXX)}
echo "== work folder $WORK" >&2
exec java -jar benchmarks/target/glasshouse-bench.jar soak --jar server/target/glasshouse.jar --work "$WORK" "$@"
