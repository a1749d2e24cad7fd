#!/usr/bin/env bash
# Slipstream NUTS vs Stan (rstan 2.21), same data, same chains / warmup / draws, one run each.
# Needs: Debian r-cran-rstan r-cran-posterior libboost-dev; JDK 25; `mvn -B -q -pl bench -am package` done.
# Usage: bench/scripts/mcmc/run_stan_comparison.sh [OUT_DIR] [CHAINS] [WARMUP] [DRAWS] [SEED] [RACES] [RACE_WARMUP] [RACE_DRAWS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-bench/target/mcmc-stan}; CHAINS=${2:-4}; WARMUP=${3:-1000}; DRAWS=${4:-1000}; SEED=${5:-20261124}
RACES=${6:-48}; RACE_WARMUP=${7:-500}; RACE_DRAWS=${8:-500}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# Debian's r-cran-bh ships no headers: give rstan a user-library BH whose include/boost is the system Boost.
RLIB=${RLIB:-/tmp/slipstream-rlib}
if [ ! -e "$RLIB/BH/include/boost" ]; then
  mkdir -p "$RLIB" && cp -r /usr/lib/R/site-library/BH "$RLIB/" && mkdir -p "$RLIB/BH/include"
  ln -sfn /usr/include/boost "$RLIB/BH/include/boost"
fi
mkdir -p "$OUT"
flock /tmp/slipstream-bench.lock "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
  -cp bench/target/benchmarks.jar slipstream.bench.mcmc.StanComparison "$OUT" "$CHAINS" "$WARMUP" "$DRAWS" "$SEED" "$RACES" "$RACE_WARMUP" "$RACE_DRAWS"
R_LIBS_USER="$RLIB" flock /tmp/slipstream-bench.lock Rscript bench/scripts/mcmc/stan_comparison.R \
  "$OUT" "$CHAINS" "$WARMUP" "$DRAWS" "$SEED" "$RACE_WARMUP" "$RACE_DRAWS"
