#!/usr/bin/env bash
# Fetch a stored spec by id.
# Usage: get-spec.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{"specId":"<64-hex spec id from compile-spec.sh>"}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" slipstream.v1.SpecService/GetSpec
