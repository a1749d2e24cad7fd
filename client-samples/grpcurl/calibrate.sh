#!/usr/bin/env bash
# Fit and score the race model; streams progress, then the result.
# Usage: calibrate.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{"trainSeasons":"2015-2022","holdoutSeasons":"2023","chains":4,"warmup":500,"draws":500,"seed":7,"targetAccept":0.99}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" slipstream.v1.CalibrationService/Calibrate
