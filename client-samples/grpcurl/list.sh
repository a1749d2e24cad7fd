#!/usr/bin/env bash
# List the services the server exposes (through server reflection; no .proto files needed).
# Usage: list.sh   (env: SLIPSTREAM_ADDR=host:port, default 127.0.0.1:50051; GRPCURL=grpcurl)
set -euo pipefail
exec "${GRPCURL:-grpcurl}" -plaintext "${SLIPSTREAM_ADDR:-127.0.0.1:50051}" list
