#!/usr/bin/env python3
"""Peer run for the issue 9 bench: pydfs-lineup-optimizer (PuLP + CBC) on our slate and our per-driver means.

Usage: pydfs_run.py OPTIMIZE_RESPONSE.json SPEC.json N MAX_EXPOSURE
  OPTIMIZE_RESPONSE.json: the streamed messages of an OBJECTIVE_MEAN_POINTS Optimize call (one JSON object each,
                          as `buf curl` prints them); the last `result` gives projections[].{driverId,meanPoints}.
  SPEC.json:              the CompileSpec response; spec.entries[] gives driverId, driverName, salary, teamId.
pydfs itself is imported from PYTHONPATH (a checkout outside this repository, see compare_pydfs.sh).
Prints one JSON line: pydfs seconds (optimisation only: the `optimize` generator run to exhaustion), the number of
lineups, their mean projected points and the driver exposure bounds actually reached.
"""
import json
import sys
import time
from collections import Counter

import pulp
from pydfs_lineup_optimizer import Player, PlayersGroup, Site, Sport, get_optimizer
from pydfs_lineup_optimizer.solvers.pulp_solver import PuLPSolver


class SystemCbcSolver(PuLPSolver):
    """pydfs's PuLP solver pointed at the system CBC: Debian's python3-pulp ships without PuLP's bundled binary."""
    LP_SOLVER = pulp.COIN_CMD(path="/usr/bin/cbc", msg=False)


def stream_objects(text):
    """Decodes concatenated JSON objects (buf curl prints one per streamed message)."""
    decoder, pos, out = json.JSONDecoder(), 0, []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return out
        obj, pos = decoder.raw_decode(text, pos)
        out.append(obj)


def main():
    response_path, spec_path, n, max_exposure = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    with open(response_path) as f:
        result = [m["result"] for m in stream_objects(f.read()) if "result" in m][-1]
    with open(spec_path) as f:
        spec = json.load(f)["spec"]
    means = {p["driverId"]: float(p.get("meanPoints", 0.0)) for p in result["projections"]}

    players = []
    for e in spec["entries"]:
        name = e.get("driverName", e["driverId"]).split(" ", 1)
        first, last = (name[0], name[1]) if len(name) == 2 else (name[0], "")
        players.append(Player(e["driverId"], first, last, ["D"], e.get("teamId", ""), float(e["salary"]),
                              means[e["driverId"]]))

    optimizer = get_optimizer(Site.DRAFTKINGS, Sport.NASCAR, solver=SystemCbcSolver)  # 6 drivers (D x6), cap 50000
    optimizer.player_pool.load_players(players)
    # The spec's veto rules, so both optimisers solve the same slate: NOT_TOGETHER over k drivers allows at most
    # k - 1 of them in a lineup (our VetoGroup.notTogether); EXCLUDED removes the driver.
    by_id = {p.id: p for p in players}
    for veto in spec.get("vetoes", []):
        members = [by_id[d] for d in veto["driverIds"] if d in by_id]
        if veto["kind"] == "VETO_KIND_NOT_TOGETHER" and len(members) >= 2:
            optimizer.add_players_group(PlayersGroup(members, max_from_group=len(members) - 1))
        elif veto["kind"] == "VETO_KIND_EXCLUDED":
            for m in members:
                optimizer.player_pool.remove_player(m)
    start = time.perf_counter()
    lineups = list(optimizer.optimize(n=n, max_exposure=max_exposure))
    seconds = time.perf_counter() - start

    counts = Counter(p.id for lineup in lineups for p in lineup.players)
    print(json.dumps({
        "seconds": seconds,
        "lineups": len(lineups),
        "drivers": len(players),
        "meanProjectedPoints": sum(lineup.fantasy_points_projection for lineup in lineups) / max(1, len(lineups)),
        "bestProjectedPoints": max((lineup.fantasy_points_projection for lineup in lineups), default=0.0),
        "maxDriverExposure": max(counts.values(), default=0) / max(1, len(lineups)),
        "maxSalary": max((lineup.salary_costs for lineup in lineups), default=0),
    }))


if __name__ == "__main__":
    main()
