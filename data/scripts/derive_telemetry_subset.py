#!/usr/bin/env python3
"""Derive the bundled demo/test telemetry (data/telemetry) from the shared NASCAR data.

Usage: python3 data/scripts/derive_telemetry_subset.py ../shared/data/nascar data/telemetry

Writes two small files (Cup Series 2022-2023 only):
  cup_results_2022_2023.csv  the 2022-2023 rows of cup_results_2015_2023_model_ready.csv (nascaR.data, GPL-3),
                             unchanged, without the provenance columns race_date_source and seg_points
                             (one constant string, one always-empty column);
  cup_loop_2022_2023.csv     the 2022-2023 points-race rows of cup_loop_data_2019_2023.csv
                             (zax-lab/nascar-dfs-optimizer, MIT), keeping the columns the server uses
                             (positions, fastest laps, laps led, laps, rating, status) and dropping the passing
                             statistics; driver names are written as the results spell them where the two
                             sources differ only in punctuation or case ("AJ Allmendinger" -> "A.J. Allmendinger"),
                             so both give the same driver id (slug).
  f1_2024_round1_laps.csv   round 1 (Bahrain) of f1_2024_lap_times.csv (SameeckBhatia/F1-PACE, MIT; Ergast data),
                             unchanged: real lap-by-lap timing for TELEMETRY_KIND_LAPS (no NASCAR lap data is public).
    (the F1 file is read from <src>/../f1/laptimes_2024_f1pace/)
All files keep the original column names, so they ingest as TELEMETRY_KIND_RESULTS and TELEMETRY_KIND_LOOP.
"""
import csv
import re
import sys
from pathlib import Path

SEASONS = {"2022", "2023"}
RESULT_DROP = {"race_date_source", "seg_points"}
LOOP_KEEP = ["season", "race", "points_race", "driver_name", "race_date", "track_name", "start", "mid",
             "finish", "best", "worst", "avg", "fastest_lap", "top_15_laps", "laps_led", "laps", "rating", "status"]


def compact(name):
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def main(src, out):
    src, out = Path(src), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(src / "cup_results_2015_2023_model_ready.csv", newline="") as f:
        reader = csv.DictReader(f)
        columns = [c for c in reader.fieldnames if c not in RESULT_DROP]
        results = [r for r in reader if r["season"] in SEASONS]
    with open(out / "cup_results_2022_2023.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in results:
            w.writerow([r[c] for c in columns])

    spelling = {}
    for r in results:
        spelling[(r["season"], r["race"], compact(r["driver"]))] = r["driver"]
    with open(src / "cup_loop_data_2019_2023.csv", newline="") as f:
        loop = [r for r in csv.DictReader(f) if r["season"] in SEASONS and r["points_race"] == "1" and r["race"]]
    renamed = 0
    with open(out / "cup_loop_2022_2023.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(LOOP_KEEP)
        for r in loop:
            name = spelling.get((r["season"], r["race"], compact(r["driver_name"])), r["driver_name"])
            renamed += name != r["driver_name"]
            r = dict(r, driver_name=name)
            w.writerow([r[c] for c in LOOP_KEEP])
    with open(src.parent / "f1" / "laptimes_2024_f1pace" / "f1_2024_lap_times.csv", newline="") as f:
        reader = csv.DictReader(f)
        laps = [r for r in reader if r["round"] == "1"]
        with open(out / "f1_2024_round1_laps.csv", "w", newline="") as g:
            w = csv.writer(g, lineterminator="\n")
            w.writerow(reader.fieldnames)
            for r in laps:
                w.writerow([r[c] for c in reader.fieldnames])
    print(f"{len(laps)} F1 lap rows")
    print(f"{len(results)} result rows, {len(loop)} loop rows ({renamed} driver names respelled) -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
