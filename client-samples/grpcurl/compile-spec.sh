#!/usr/bin/env bash
# Compile the demo slate's ontology into a content-addressed ConstraintSpec.
# Usage: compile-spec.sh [JSON]   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
ADDR="${SLIPSTREAM_ADDR:-127.0.0.1:50051}"
DEFAULT='{"slateId":"demo"}'
DATA="${1:-$DEFAULT}"
exec "${GRPCURL:-grpcurl}" -plaintext -d "$DATA" "$ADDR" slipstream.v1.SpecService/CompileSpec
