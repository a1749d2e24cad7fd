#!/usr/bin/env bash
# Telemetry bench: ingest rows/s and 9-season feature build time against the shared NASCAR data.
# Usage: bench/telemetry/run.sh [NASCAR_DIR] [ROUNDS]   (needs the server built: ./slipstream build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${1:-$ROOT/../shared/data/nascar}"
ROUNDS="${2:-5}"
CP="$ROOT/server/target/server.jar:$ROOT/server/target/lib/*"
exec flock /tmp/slipstream-bench.lock java --enable-native-access=ALL-UNNAMED -cp "$CP" \
  "$ROOT/bench/telemetry/TelemetryBench.java" "$DATA" "$ROUNDS" 2>&1 | grep -v '^WARNING'
