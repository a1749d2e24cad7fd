#!/usr/bin/env bash
# Health of the whole server (SERVING once ready).
# Usage: health.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" grpc.health.v1.Health/Check
