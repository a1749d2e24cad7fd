package slipstream.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The availability contract as a property: for a random race R, perturb, delete or add any data dated at or
 * after R's start (R's own race-day outcomes included; its start positions are qualifying, known before, and
 * are kept), rebuild the store, and R's features must be unchanged byte for byte, through the dataset query
 * and the as-of query alike. Seeded loops (no property framework). The second test plants a leaking query
 * (cut-off {@code <=} instead of {@code <}) and shows the same check catches it.
 */
class FeatureLeakageTest {

    private static final int TRIALS = 8;
    private static final DateTimeFormatter LOOP_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    @Test
    void featuresOfARaceIgnoreEverythingFromItsStartOn() {
        Optional<String> leak = findLeak(FeatureSql.STANDARD, 20240218L, TRIALS);
        assertTrue(leak.isEmpty(), () -> "leak: " + leak.get());
    }

    @Test
    void aPlantedLeakingQueryIsCaught() {
        Optional<String> leak = findLeak(new FeatureSql(">="), 20240218L, TRIALS);
        assertTrue(leak.isPresent(), "a query that reads the race itself must fail the leakage check");
    }

    // ---- the check -------------------------------------------------------------------------------------

    /** A CSV as a header and rows of fields (the bundled files have no quoted fields). */
    record Table(List<String> header, List<String[]> rows) {
        static Table read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                List<String[]> rows = new ArrayList<>();
                lines.subList(1, lines.size()).forEach(l -> rows.add(l.split(",", -1)));
                return new Table(List.of(lines.get(0).split(",")), rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int col(String name) {
            return header.indexOf(name);
        }

        Table copy() {
            List<String[]> rows2 = new ArrayList<>();
            rows.forEach(r -> rows2.add(r.clone()));
            return new Table(header, rows2);
        }

        Path write(Path dir, String name) {
            StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
            rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
            try {
                return Files.writeString(dir.resolve(name), sb);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Race(int season, int race, LocalDateTime start, String archetype) {}

    static Optional<String> findLeak(FeatureSql sql, long seed, int trials) {
        Table results = Table.read(TelemetryFixture.bundled("cup_results_2022_2023.csv"));
        Table loop = Table.read(TelemetryFixture.bundled("cup_loop_2022_2023.csv"));
        Map<String, Race> races = new LinkedHashMap<>();
        for (String[] r : results.rows()) {
            String a = r[results.col("archetype")].toUpperCase();
            races.putIfAbsent(r[0] + "/" + r[1], new Race(Integer.parseInt(r[0]), Integer.parseInt(r[1]),
                    LocalDateTime.parse(r[results.col("race_date")]), a.equals("SHORT") ? "SHORT_TRACK" : a));
        }
        List<Race> candidates = races.values().stream().filter(r -> r.season() == 2023).toList();
        Random rng = new Random(seed);
        try (TelemetryFixture base = new TelemetryFixture(sql)) {
            base.loadBundled();
            for (int t = 0; t < trials; t++) {
                Race target = candidates.get(rng.nextInt(candidates.size()));
                Map<String, long[]> before = featuresOf(base, target);
                Table res = results.copy();
                Table lp = loop.copy();
                perturb(rng, target, t, res, lp);
                try (TelemetryFixture changed = new TelemetryFixture(sql)) {
                    changed.ingest.ingestLocal(res.write(changed.dataDir, "results.csv"), TelemetrySchema.RESULTS);
                    changed.ingest.ingestLocal(lp.write(changed.dataDir, "loop.csv"), TelemetrySchema.LOOP);
                    Map<String, long[]> after = featuresOf(changed, target);
                    for (var e : before.entrySet()) {
                        if (!Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                            return Optional.of("trial " + t + ", race " + target + ", " + e.getKey());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** R's features by driver, as raw bits: "dataset:<driver>" and "asof:<driver>". */
    private static Map<String, long[]> featuresOf(TelemetryFixture fx, Race race) {
        Map<String, long[]> out = new LinkedHashMap<>();
        TrainingData data = fx.features.dataset(race.start().toLocalDate(), race.start().toLocalDate(), Set.of(), List.of());
        List<UpcomingEntry> entries = new ArrayList<>();
        for (RaceRow r : data.rows()) {
            if (r.season() == race.season() && r.race() == race.race()) {
                out.put("dataset:" + r.driverId(), bits(r.features()));
                entries.add(new UpcomingEntry(r.driverId(), r.start()));
            }
        }
        entries.sort((a, b) -> a.driverId().compareTo(b.driverId()));
        entries.add(new UpcomingEntry("kyle-larson-jr-the-second", null));
        for (DriverFeatures f : fx.features.asOf(race.start(), race.archetype(), entries, List.of())) {
            out.put("asof:" + f.driverId(), bits(f.features()));
        }
        return out;
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** Changes only rows dated at or after R's start; R's start positions (qualifying) stay. */
    private static void perturb(Random rng, Race target, int trial, Table res, Table lp) {
        int season = res.col("season");
        int raceCol = res.col("race");
        int date = res.col("race_date");
        Predicate<String[]> isTarget = r -> Integer.parseInt(r[season]) == target.season()
                && Integer.parseInt(r[raceCol]) == target.race();
        Predicate<String[]> later = r -> !isTarget.test(r) && !LocalDateTime.parse(r[date]).isBefore(target.start());
        // R itself: every race-day outcome changes.
        scrambleOutcomes(rng, res, lp, target.season(), target.race(), false);
        // Later races: scramble (starts too), delete, or move to exactly R's start.
        Map<String, List<String[]>> laterRaces = new LinkedHashMap<>();
        res.rows().stream().filter(later).forEach(r -> laterRaces.computeIfAbsent(r[season] + "/" + r[raceCol],
                k -> new ArrayList<>()).add(r));
        for (String key : laterRaces.keySet()) {
            int s = Integer.parseInt(key.split("/")[0]);
            int n = Integer.parseInt(key.split("/")[1]);
            switch (rng.nextInt(4)) {
                case 0 -> { }
                case 1 -> scrambleOutcomes(rng, res, lp, s, n, true);
                case 2 -> {
                    res.rows().removeIf(r -> Integer.parseInt(r[season]) == s && Integer.parseInt(r[raceCol]) == n);
                    lp.rows().removeIf(r -> Integer.parseInt(r[0]) == s && Integer.parseInt(r[1]) == n);
                }
                default -> {
                    laterRaces.get(key).forEach(r -> r[date] = target.start().toString());
                    lp.rows().stream().filter(r -> Integer.parseInt(r[0]) == s && Integer.parseInt(r[1]) == n)
                            .forEach(r -> r[lp.col("race_date")] = target.start().format(LOOP_DATE));
                }
            }
        }
        // Added: a copy of R at R's own start time (another race number), with a new driver at the back.
        int newRace = 90 + trial;
        List<String[]> copy = new ArrayList<>();
        res.rows().stream().filter(isTarget).forEach(r -> {
            String[] c = r.clone();
            c[raceCol] = Integer.toString(newRace);
            copy.add(c);
        });
        String[] phantom = copy.get(0).clone();
        phantom[res.col("driver")] = "Phantom Driver " + trial;
        phantom[res.col("start")] = Integer.toString(copy.size() + 1);
        phantom[res.col("finish")] = Integer.toString(copy.size() + 1);
        phantom[res.col("laps_led")] = "0";
        copy.add(phantom);
        res.rows().addAll(copy);
        scrambleOutcomes(rng, res, lp, target.season(), newRace, true);
    }

    /** New finishing order, laps led, DNFs, ratings; and new fastest laps in the loop rows of the race. */
    private static void scrambleOutcomes(Random rng, Table res, Table lp, int s, int n, boolean starts) {
        List<String[]> rows = res.rows().stream().filter(r -> Integer.parseInt(r[res.col("season")]) == s
                && Integer.parseInt(r[res.col("race")]) == n).toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        List<Integer> grid = new ArrayList<>(order);
        Collections.shuffle(grid, rng);
        int laps = Integer.parseInt(rows.get(0)[res.col("race_laps")]);
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            r[res.col("finish")] = Integer.toString(order.get(i));
            if (starts) {
                r[res.col("start")] = Integer.toString(grid.get(i));
            }
            r[res.col("laps_led")] = Integer.toString(rng.nextInt(laps / rows.size() + 1));
            boolean dnf = rng.nextInt(5) == 0;
            r[res.col("dnf")] = dnf ? "1" : "0";
            r[res.col("status")] = dnf ? "accident" : "running";
            r[res.col("driver_rating")] = Integer.toString(20 + rng.nextInt(120));
        }
        lp.rows().stream().filter(r -> Integer.parseInt(r[0]) == s && Integer.parseInt(r[1]) == n).forEach(r -> {
            r[lp.col("fastest_lap")] = Integer.toString(rng.nextInt(laps / rows.size() + 1));
            r[lp.col("rating")] = Integer.toString(20 + rng.nextInt(120));
        });
    }
}
