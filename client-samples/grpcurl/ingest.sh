#!/usr/bin/env bash
# Ingest a results CSV (path inside the server's data root).
# Usage: ingest.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{"path":"telemetry/cup_results_demo.csv","kind":"TELEMETRY_KIND_RESULTS"}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" slipstream.v1.TelemetryService/Ingest
