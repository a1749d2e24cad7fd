#!/usr/bin/env bash
# Build a lineup portfolio; streams progress, then the result.
# Usage: optimize.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{"specId":"<id from compile-spec.sh>","seed":42,"scenarioCount":10000,"portfolioSize":20,"objective":"OBJECTIVE_TAIL_UPSIDE","maxExposure":0.5}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" slipstream.v1.OptimizerService/Optimize
