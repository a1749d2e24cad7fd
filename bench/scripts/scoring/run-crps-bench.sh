#!/usr/bin/env bash
# Runs the CRPS JMH benchmark and the NumPy peer in one go (issue: scoring kernels). From the repo root:
#   bash bench/scripts/scoring/run-crps-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -B -q -DskipTests install -pl bench -am >&2
flock /tmp/slipstream-bench.lock "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar CrpsBench -wi 2 -w 2 -i 3 -r 2 -f 1
for n in 10000 100000; do flock /tmp/slipstream-bench.lock /usr/bin/python3 bench/scripts/scoring/crps_numpy_bench.py "$n" 1000; done
