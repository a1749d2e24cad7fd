#!/usr/bin/env bash
# Issue 9, bench item 9: our Optimize over gRPC (150 lineups from 10,000 scenarios, global max exposure 0.5, each
# objective) side by side with pydfs-lineup-optimizer (PuLP + CBC) on the same slate, the same per-driver means
# (our MEAN_POINTS projections) and the same exposure limit.
#
# pydfs is not part of this repository: give the path of a checkout of DimaKudosh/pydfs-lineup-optimizer in
# PYDFS_HOME. It runs on the system Python with Debian's python3-pulp, coinor-cbc and python3-tz:
#   apt-get install python3-pulp coinor-cbc python3-tz
# Run from the repository root (builds the server on first use via ./slipstream):
#   PYDFS_HOME=/tmp/pydfs flock /tmp/slipstream-bench.lock bench/scripts/optimize/compare_pydfs.sh
# Env: PORT (default 50999), PYTHON (default /usr/bin/python3), N (150), SCENARIOS (10000), MAX_EXPOSURE (0.5),
# WARMUPS (8) and REPEATS (20) for the Java timing client (rounds over the four objectives; the server JIT needs a few
# dozen calls, and the same call varies by up to 2x on a shared VM, so the median needs many), PYDFS_RUNS (3).
set -euo pipefail

if [[ -z "${PYDFS_HOME:-}" || ! -d "${PYDFS_HOME}/pydfs_lineup_optimizer" ]]; then
  echo "compare_pydfs.sh: set PYDFS_HOME to a checkout of https://github.com/DimaKudosh/pydfs-lineup-optimizer" >&2
  echo "  (the directory that contains pydfs_lineup_optimizer/); got '${PYDFS_HOME:-<unset>}'" >&2
  exit 2
fi
PYTHON="${PYTHON:-/usr/bin/python3}"
PORT="${PORT:-50999}"
N="${N:-150}"
SCENARIOS="${SCENARIOS:-10000}"
MAX_EXPOSURE="${MAX_EXPOSURE:-0.5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/bench/scripts/optimize"
BUF="$ROOT/node_modules/.bin/buf"
ADDR="http://127.0.0.1:$PORT"
command -v jq >/dev/null || { echo "compare_pydfs.sh: jq is required" >&2; exit 2; }
[[ -x "$BUF" ]] || { echo "compare_pydfs.sh: $BUF missing (run npm ci at the repository root)" >&2; exit 2; }
PYTHONPATH="$PYDFS_HOME" "$PYTHON" -c 'import pydfs_lineup_optimizer, pulp' \
  || { echo "compare_pydfs.sh: pydfs cannot be imported (needs python3-pulp, python3-tz)" >&2; exit 2; }
command -v cbc >/dev/null || echo "compare_pydfs.sh: warning: no cbc on PATH (pulp may fall back)" >&2

WORK="$(mktemp -d)"
DATA_DIR="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK" "$DATA_DIR"
}
trap cleanup EXIT

call() { "$BUF" curl --protocol grpc --http2-prior-knowledge --timeout 600s -d "$2" "$ADDR/$1"; }
now() { date +%s.%N; }

# Build (if stale) before starting the clock-free server launch, so the build is not inside the server start;
# the bench jar holds the Java timing client.
# The bench jar is built and run with the JDK the launcher picks for the server.
export JAVA_HOME="$("$ROOT/slipstream" java-home)"
"$ROOT/slipstream" build >/dev/null
(cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am >"$WORK/bench-build.log" 2>&1) \
  || { echo "compare_pydfs.sh: building the bench jar failed:"; tail -30 "$WORK/bench-build.log"; exit 1; }
JAVA="$JAVA_HOME/bin/java"
"$ROOT/slipstream" serve --port "$PORT" --data-dir "$DATA_DIR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  if "$BUF" curl --protocol grpc --http2-prior-knowledge "$ADDR/grpc.health.v1.Health/Check" 2>/dev/null \
       | grep -q SERVING; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; tail -20 "$WORK/server.log"; exit 1; }
  sleep 0.5
done
"$BUF" curl --protocol grpc --http2-prior-knowledge "$ADDR/grpc.health.v1.Health/Check" | grep -q SERVING \
  || { echo "server not SERVING after 120 s"; tail -20 "$WORK/server.log"; exit 1; }

# The launcher's heap flags (a pre-touched floor, see ./slipstream --help) change the timings: record them.
echo "server JVM heap flags: $(ps -o args= --ppid "$SERVER_PID" -p "$SERVER_PID" 2>/dev/null | tr ' ' '\n' \
  | grep -E '^-Xm[sx]|PreTouch|TransparentHugePages|RAMPercentage' | sort -u | tr '\n' ' ')"
call slipstream.v1.SpecService/CompileSpec '{"slateId":"demo"}' >"$WORK/spec.json"
SPEC_ID="$(jq -r .spec.specId "$WORK/spec.json")"
echo "spec $SPEC_ID: $(jq '.spec.entries | length' "$WORK/spec.json") drivers, cap $(jq .spec.salaryCap "$WORK/spec.json"), roster $(jq .spec.rosterSize "$WORK/spec.json"), vetoes $(jq '.spec.vetoes // [] | length' "$WORK/spec.json")"

request() { jq -cn --arg s "$SPEC_ID" --arg o "$1" --argjson n "$N" --argjson c "$SCENARIOS" --argjson x "$MAX_EXPOSURE" \
  '{specId:$s, seed:42, scenarioCount:$c, portfolioSize:$n, objective:$o, maxExposure:$x}'; }

# One untimed-for-the-ratio warm-up call (JIT, first allocation of the scenario arrays); its time is printed too.
t0=$(now); call slipstream.v1.OptimizerService/Optimize "$(request OBJECTIVE_MEAN_POINTS)" >"$WORK/warmup.json"; t1=$(now)
printf '%-30s %9.3f s  (cold first call, not used in the ratio)\n' "warmup OBJECTIVE_MEAN_POINTS" "$(echo "$t1 - $t0" | bc -l)"

declare -A OURS
printf '%-30s %9s  %9s  %7s  %10s  %s\n' objective "wall_s" "server_s" lineups "mean_pts" "maxDriverExposure"
for obj in OBJECTIVE_MEAN_POINTS OBJECTIVE_TAIL_UPSIDE OBJECTIVE_TOURNAMENT_EQUITY OBJECTIVE_CVAR; do
  t0=$(now); call slipstream.v1.OptimizerService/Optimize "$(request "$obj")" >"$WORK/$obj.json"; t1=$(now)
  OURS[$obj]="$(echo "$t1 - $t0" | bc -l)"
  jq -s --arg o "$obj" --arg w "${OURS[$obj]}" -r '
      (map(select(.result)) | last | .result) as $r
      | ($r.lineups | length) as $k
      | ([$r.lineups[].driverIds[]] | group_by(.) | map(length) | max) as $m
      | [$o, ($w|tonumber), ((($r.diagnostics.phaseMillis // {}) | [.[]] | add // 0) / 1000), $k,
         (([$r.lineups[].meanPoints] | add) / $k), ($m / $k)]
      | "\(.[0]) \(.[1]) \(.[2]) \(.[3]) \(.[4]) \(.[5])"' "$WORK/$obj.json" \
    | awk '{printf "%-30s %9.3f  %9.3f  %7d  %10.2f  %.3f\n", $1, $2, $3, $4, $5, $6}'
done
echo "(wall_s: buf curl call end to end, includes buf's own start; server_s: sum of the server's phase_millis)"

# The same requests from a Java client on one warm channel (no client start inside the timing): WARMUPS untimed
# rounds over the four objectives (the server's JIT settles, as pydfs runs in a warm interpreter), then REPEATS
# timed rounds; each objective's median is used in the ratio.
WARMUPS="${WARMUPS:-8}"
REPEATS="${REPEATS:-20}"
"$JAVA" -cp "$ROOT/bench/target/benchmarks.jar" slipstream.bench.optimize.OptimizeTiming "127.0.0.1:$PORT" "$SPEC_ID" \
  "$SCENARIOS" "$N" "$MAX_EXPOSURE" "$WARMUPS" "$REPEATS" OBJECTIVE_MEAN_POINTS OBJECTIVE_TAIL_UPSIDE OBJECTIVE_TOURNAMENT_EQUITY \
  OBJECTIVE_CVAR 2>/dev/null >"$WORK/java-timing.txt"
declare -A JAVA_S
printf '%-30s %9s  %9s  %9s  %9s  %7s  %8s  %s\n' "objective (Java client)" median_s min_s max_s server_s lineups mean_pts \
  "phase_ms (median call)"
while read -r obj median min max server lineups mean phases; do
  JAVA_S[$obj]="$median"
  printf '%-30s %9.3f  %9.3f  %9.3f  %9.3f  %7d  %8.2f  %s\n' "$obj" "$median" "$min" "$max" "$server" "$lineups" "$mean" \
    "$phases"
done <"$WORK/java-timing.txt"

# pydfs on our slate and our MEAN_POINTS per-driver means, PYDFS_RUNS times (each a fresh interpreter); its median
# is used in the ratio.
PYDFS_RUNS="${PYDFS_RUNS:-3}"
PYDFS_TIMES=()
for _ in $(seq 1 "$PYDFS_RUNS"); do
  PYDFS_JSON="$(PYTHONPATH="$PYDFS_HOME" "$PYTHON" "$HERE/pydfs_run.py" "$WORK/OBJECTIVE_MEAN_POINTS.json" \
    "$WORK/spec.json" "$N" "$MAX_EXPOSURE")"
  echo "pydfs: $PYDFS_JSON"
  PYDFS_TIMES+=("$(jq -r .seconds <<<"$PYDFS_JSON")")
done
PYDFS_S="$(printf '%s\n' "${PYDFS_TIMES[@]}" | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')"
printf '%-30s %9.3f s  median of %d runs (%s lineups, mean projected %.2f, max driver exposure %.3f)\n' \
  "pydfs (PuLP+CBC) max_exposure" "$PYDFS_S" "$PYDFS_RUNS" "$(jq -r .lineups <<<"$PYDFS_JSON")" \
  "$(jq -r .meanProjectedPoints <<<"$PYDFS_JSON")" "$(jq -r .maxDriverExposure <<<"$PYDFS_JSON")"

echo
echo "ratio pydfs_s / ours (>1: ours faster; goal >= 50): Java client median, and buf curl wall"
for obj in OBJECTIVE_MEAN_POINTS OBJECTIVE_TAIL_UPSIDE OBJECTIVE_TOURNAMENT_EQUITY OBJECTIVE_CVAR; do
  printf '  %-30s %8.2fx  %8.2fx\n' "$obj" "$(echo "$PYDFS_S / ${JAVA_S[$obj]}" | bc -l)" \
    "$(echo "$PYDFS_S / ${OURS[$obj]}" | bc -l)"
done
