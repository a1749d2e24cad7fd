#!/usr/bin/env bash
# Portfolio kernel benchmarks (issue 9). Run from the repository root after building:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl compute-kernels install -DskipTests
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl bench package -DskipTests
set -euo pipefail
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
flock /tmp/slipstream-bench.lock "$JAVA" --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar \
  'PortfolioBench.bestLineup' -p objective=MEAN_POINTS -wi 2 -w 1 -i 3 -r 1 -f 1 -tu us
flock /tmp/slipstream-bench.lock "$JAVA" --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar \
  'PortfolioBench.(portfolio150|contestField)' -p drivers=36 -wi 1 -w 1 -i 2 -r 1 -f 1 -tu ms
