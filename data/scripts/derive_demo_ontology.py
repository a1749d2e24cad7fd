#!/usr/bin/env python3
"""Derive the demo ontology (drivers, teams, tracks, the `demo` slate) from the shared NASCAR data.

Usage: python3 data/scripts/derive_demo_ontology.py ../shared/data/nascar data/demo

The demo slate is the 2023 NASCAR Cup Series Championship at Phoenix (season 2023, race 36), with the
real entry list and real starting positions. DraftKings publishes no NASCAR salary files, so salaries are
generated from recent form, the way a site prices drivers before a race:
  form = mean DraftKings classic points over the driver's last 10 Cup races before this one (2023 season
         and the end of 2022; drivers with fewer than 3 earlier races get the 25th percentile of the field);
  salary = 4,500 + 7,500 * r^1.35, where r in [0, 1] is the driver's form rank (0 = worst, 1 = best),
           rounded to the nearest 100 and clamped to 4,000..12,000.
That gives a top salary of 12,000, a bottom near 4,500 and a convex price curve like real DK slates.
Only information from before the race enters the salaries (no leakage of the race's own result).
"""
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

FINISH_POINTS = [45, 42, 41, 40, 39, 38, 37, 36, 35, 34, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23,
                 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
DEMO_SEASON, DEMO_RACE = 2023, 36
ARCHETYPES = {"superspeedway": "SUPERSPEEDWAY", "intermediate": "INTERMEDIATE",
              "short": "SHORT_TRACK", "road_course": "ROAD_COURSE"}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def dk_points_without_fastest_laps(row):
    finish, start = int(row["finish"]), int(row["start"])
    finish_pts = FINISH_POINTS[finish - 1] if finish <= len(FINISH_POINTS) else 0
    return finish_pts + (start - finish) + 0.25 * int(row["laps_led"])


def main(src, out):
    src, out = Path(src), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader(open(src / "cup_results_2015_2023_model_ready.csv", newline="")))
    key = lambda r: (int(r["season"]), int(r["race"]))
    demo = [r for r in rows if key(r) == (DEMO_SEASON, DEMO_RACE)]
    earlier = sorted((r for r in rows if key(r) < (DEMO_SEASON, DEMO_RACE)), key=key)

    history = defaultdict(list)
    for r in earlier:
        history[r["driver"]].append(dk_points_without_fastest_laps(r))
    form = {r["driver"]: (sum(history[r["driver"]][-10:]) / len(history[r["driver"]][-10:])
                          if len(history[r["driver"]]) >= 3 else None) for r in demo}
    known = sorted(v for v in form.values() if v is not None)
    fallback = known[len(known) // 4]
    form = {d: (v if v is not None else fallback) for d, v in form.items()}
    ranked = sorted(form, key=lambda d: (form[d], d))
    salary = {}
    for i, d in enumerate(ranked):
        r = i / (len(ranked) - 1)
        salary[d] = max(4000, min(12000, int(round((4500 + 7500 * r ** 1.35) / 100.0)) * 100))

    # Tracks: every configuration raced 2015-2023, with archetype and usual scheduled laps.
    laps_by_track = defaultdict(list)
    meta = {}
    for r in rows:
        laps_by_track[r["track"]].append(int(r["race_laps"]))
        meta[r["track"]] = (r["track_length_mi"], r["surface"], ARCHETYPES[r["archetype"]])
    with open(out / "tracks.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["track_id", "name", "length_miles", "surface", "archetype", "scheduled_laps"])
        for t in sorted(meta):
            laps = sorted(laps_by_track[t])
            w.writerow([slug(t), t, meta[t][0], meta[t][1], meta[t][2], laps[len(laps) // 2]])

    drivers = sorted({r["driver"] for r in rows if int(r["season"]) >= 2022})
    with open(out / "drivers.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["driver_id", "name"])
        for d in drivers:
            w.writerow([slug(d), d])
    teams = sorted({r["team"] for r in rows if int(r["season"]) >= 2022})
    with open(out / "teams.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["team_id", "name"])
        for t in teams:
            w.writerow([slug(t), t])

    first = demo[0]
    with open(out / "slates.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["slate_id", "name", "race_date", "track_id", "race_laps", "salary_cap", "roster_size",
                    "scoring_table"])
        w.writerow(["demo", f"{first['season']} {first['race_name']} ({first['track']})",
                    first["race_date"][:10], slug(first["track"]), first["race_laps"], 50000, 6,
                    "draftkings-nascar-classic"])
    with open(out / "entries.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["slate_id", "driver_id", "team_id", "car_number", "salary", "start_position",
                    "form_points"])
        for r in sorted(demo, key=lambda r: slug(r["driver"])):
            w.writerow(["demo", slug(r["driver"]), slug(r["team"]), r["car"], salary[r["driver"]],
                        r["start"], round(form[r["driver"]], 2)])
    # One illustrative veto: two drivers of the same team may not both be rostered (a user rule).
    with open(out / "vetoes.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["slate_id", "rule_id", "kind", "driver_ids", "reason"])
        by_team = defaultdict(list)
        for r in demo:
            by_team[slug(r["team"])].append(slug(r["driver"]))
        team, members = sorted((t, sorted(m)) for t, m in by_team.items() if len(m) >= 2)[0]
        w.writerow(["demo", "demo-veto-1", "NOT_TOGETHER", "|".join(members[:2]),
                    f"user rule: at most one {team} driver"])
    print(f"{len(demo)} entries, salaries {min(salary.values())}..{max(salary.values())}, "
          f"{len(meta)} tracks, {len(drivers)} drivers, {len(teams)} teams")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
