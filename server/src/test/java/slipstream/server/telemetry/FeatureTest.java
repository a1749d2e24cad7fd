package slipstream.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;

/**
 * Features over the bundled 2022-2023 data, checked value by value against a plain-Java brute force written
 * from the definitions (not from the SQL), plus the availability contract's errors and the snapshot ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureTest {

    private TelemetryFixture fx;
    private List<Ref> reference;

    @BeforeAll
    void load() throws IOException {
        fx = new TelemetryFixture();
        fx.loadBundled();
        reference = Ref.read(TelemetryFixture.bundled("cup_results_2022_2023.csv"),
                TelemetryFixture.bundled("cup_loop_2022_2023.csv"));
    }

    @AfterAll
    void close() {
        fx.close();
    }

    /** One result row, read with plain Java. */
    record Ref(int season, int race, LocalDateTime start, String archetype, String driver, int startPos, int finish,
               boolean dnf, double ledShare, Double flShare) {

        static List<Ref> read(Path results, Path loop) throws IOException {
            Map<String, Integer> fl = new HashMap<>();
            Map<String, Integer> raceFl = new HashMap<>();
            for (Map<String, String> l : csv(loop)) {
                String race = l.get("season") + "/" + l.get("race");
                int f = Integer.parseInt(l.get("fastest_lap"));
                fl.put(race + "/" + DriverIds.slug(l.get("driver_name")).replace("-", ""), f);
                raceFl.merge(race, f, Integer::sum);
            }
            List<Ref> out = new ArrayList<>();
            for (Map<String, String> r : csv(results)) {
                String race = r.get("season") + "/" + r.get("race");
                String driver = DriverIds.slug(r.get("driver"));
                Integer f = fl.get(race + "/" + driver.replace("-", ""));
                String a = r.get("archetype").toUpperCase();
                out.add(new Ref(Integer.parseInt(r.get("season")), Integer.parseInt(r.get("race")),
                        LocalDateTime.parse(r.get("race_date")), a.equals("SHORT") ? "SHORT_TRACK" : a, driver,
                        Integer.parseInt(r.get("start")), Integer.parseInt(r.get("finish")), r.get("dnf").equals("1"),
                        Double.parseDouble(r.get("laps_led")) / Double.parseDouble(r.get("race_laps")),
                        f == null ? null : (double) f / raceFl.get(race)));
            }
            return out;
        }

        private static List<Map<String, String>> csv(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",");
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], v[i]);
                }
                rows.add(m);
            }
            return rows;
        }
    }

    /** The standard vector by brute force: filter strictly earlier races, newest first, take N, average. */
    private double[] bruteForce(String driver, LocalDateTime start, String archetype, Integer startPos) {
        List<Ref> earlier = reference.stream().filter(r -> r.driver.equals(driver) && r.start.isBefore(start))
                .sorted((x, y) -> y.start.compareTo(x.start)).toList();
        List<Ref> atArch = earlier.stream().filter(r -> r.archetype.equals(archetype)).toList();
        double[] out = new double[FeatureCatalog.STANDARD.size()];
        int k = 0;
        double[][] overall = measures(earlier);
        double[][] arch = measures(atArch);
        for (int m = 0; m < 6; m++) {
            for (int w = 0; w < 3; w++) {
                out[k++] = overall[m][w];
            }
        }
        for (int m = 0; m < 6; m++) {
            for (int w = 0; w < 3; w++) {
                double own = arch[m][w];
                out[k++] = Double.isNaN(own) ? overall[m][w] : own;
            }
        }
        out[k++] = startPos != null ? startPos : overall[1][0];
        out[k++] = earlier.isEmpty() ? 365 : Math.min(365,
                java.time.Duration.between(earlier.get(0).start, start).getSeconds() / 86400.0);
        out[k] = Math.min(20, earlier.size());
        return out;
    }

    /** [measure][window] with the documented defaults; archetype callers see NaN for "no races". */
    private static double[][] measures(List<Ref> newestFirst) {
        int[] windows = {5, 10, 20};
        double[][] v = new double[6][3];
        for (int w = 0; w < 3; w++) {
            List<Ref> last = newestFirst.subList(0, Math.min(windows[w], newestFirst.size()));
            boolean none = last.isEmpty();
            v[0][w] = none ? Double.NaN : last.stream().mapToInt(Ref::finish).average().orElseThrow();
            v[1][w] = none ? Double.NaN : last.stream().mapToInt(Ref::startPos).average().orElseThrow();
            v[2][w] = none ? Double.NaN : last.stream().mapToDouble(Ref::ledShare).average().orElseThrow();
            v[3][w] = none ? Double.NaN : last.stream().mapToDouble(r -> r.dnf ? 1 : 0).average().orElseThrow();
            v[4][w] = none ? Double.NaN : last.stream().mapToDouble(r -> r.finish <= 10 ? 1 : 0).average().orElseThrow();
            var fl = last.stream().filter(r -> r.flShare != null).mapToDouble(Ref::flShare).average();
            v[5][w] = fl.isPresent() ? fl.getAsDouble() : v[2][w];
        }
        return v;
    }

    private static double[] withDefaults(double[] v) {
        double[] d = {28, 28, 0, 0.15, 0, 0};
        double[] out = v.clone();
        for (int i = 0; i < 36; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = d[(i % 18) / 3];
            }
        }
        return out;
    }

    @Test
    void everyFeatureOfEveryRowMatchesTheBruteForce() {
        TrainingData data = fx.features.dataset(2022, 2023, Set.of());
        assertEquals(2642, data.rows().size());
        assertEquals(FeatureCatalog.STANDARD, data.featureNames());
        assertEquals(39, data.featureNames().size());
        int checked = 0;
        for (RaceRow row : data.rows()) {
            double[] expected = withDefaults(bruteForce(row.driverId(), row.raceStart(), row.archetype(), row.start()));
            for (int j = 0; j < expected.length; j++) {
                String name = data.featureNames().get(j);
                // shares are summed in parts per million (exact integer sums), so they agree to 1e-6
                double tol = name.contains("share") ? 1e-6 : 1e-9;
                assertEquals(expected[j], row.features()[j], tol, row.raceKey() + " " + row.driverId() + " " + name);
                checked++;
            }
        }
        assertEquals(2642 * 39, checked);
        // Spot values against the raw data: Ryan Blaney won the 2023 Coca-Cola 600 (race 14) from 2nd... only the
        // outcome columns carry the race itself; his features for it use races 1-13 of 2023 and 2022.
        RaceRow last = data.rows().get(data.rows().size() - 1);
        assertEquals("2023-36", last.raceKey());
        assertEquals(36, last.finish());
        RaceRow first = data.rows().get(0);
        assertEquals("2022-01", first.raceKey());
        assertEquals(1, first.finish());
        assertEquals(365.0, first.features()[37]);           // nothing before 2022 is loaded
        assertEquals(0.0, first.features()[38]);
        assertEquals(28.0, first.features()[0]);
        assertEquals(0.15, first.features()[9]);
    }

    @Test
    void labelsComeFromTheRaceAndRowsAreOrderedByRaceThenFinish() {
        TrainingData data = fx.features.dataset(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31),
                Set.of("ROAD_COURSE"), List.of("finish_mean_last5", "start_position"));
        assertEquals(List.of("finish_mean_last5", "start_position"), data.featureNames());
        assertTrue(data.rows().stream().allMatch(r -> r.archetype().equals("ROAD_COURSE") && r.season() == 2023));
        List<List<RaceRow>> races = data.byRace();
        assertEquals(reference.stream().filter(r -> r.season == 2023 && r.archetype.equals("ROAD_COURSE"))
                .map(r -> r.race).distinct().count(), races.size());
        for (List<RaceRow> race : races) {
            for (int i = 0; i < race.size(); i++) {
                assertEquals(i + 1, race.get(i).finish());
                RaceRow r = race.get(i);
                Ref ref = reference.stream().filter(x -> x.season == r.season() && x.race == r.race()
                        && x.driver.equals(r.driverId())).findFirst().orElseThrow();
                assertEquals(ref.dnf, r.dnf());
                assertEquals(ref.startPos, r.start());
                assertEquals((double) ref.startPos, r.features()[1]);
                assertEquals(ref.flShare == null, r.fastestLaps() == null);
            }
        }
        assertEquals(2, data.telemetrySnapshotIds().size());
        double[] std = data.scaling().standardise(data.rows().get(0).features());
        assertEquals((data.rows().get(0).features()[1] - data.scaling().means()[1]) / data.scaling().sds()[1], std[1], 1e-12);
    }

    @Test
    void asOfForAnUpcomingRaceIsTheSameQuery() {
        // The 2023 finale at Phoenix: as-of features equal the dataset's, which were computed as of its start.
        TrainingData data = fx.features.dataset(LocalDate.of(2023, 11, 5), LocalDate.of(2023, 11, 5), Set.of(), List.of());
        List<UpcomingEntry> entries = new ArrayList<>();
        data.rows().forEach(r -> entries.add(new UpcomingEntry(r.driverId(), r.start())));
        entries.add(new UpcomingEntry("a-newcomer", null));
        List<DriverFeatures> asOf = fx.features.asOf(data.rows().get(0).raceStart(), "SHORT_TRACK", entries, List.of());
        assertEquals(entries.size(), asOf.size());
        for (int i = 0; i < data.rows().size(); i++) {
            assertEquals(entries.get(i).driverId(), asOf.get(i).driverId());
            assertArrayEquals(data.rows().get(i).features(), asOf.get(i).features());
        }
        DriverFeatures rookie = asOf.get(asOf.size() - 1);
        assertEquals(0, rookie.priorRaces());
        double[] expected = withDefaults(bruteForce("a-newcomer", data.rows().get(0).raceStart(), "SHORT_TRACK", null));
        expected[36] = 28.0;   // no start known and no history: start_mean_last5's default
        assertArrayEquals(expected, rookie.features());
        // By date only: a race known as "2023-11-05" reads nothing of that day.
        var byDate = fx.features.asOf(LocalDate.of(2023, 11, 5).atStartOfDay(), "SHORT_TRACK",
                List.of(entries.get(0)), List.of());
        double[] full = asOf.get(0).features();
        double[] early = byDate.get(0).features();
        for (int j = 0; j < full.length; j++) {
            if (j != 37) {
                assertEquals(full[j], early[j], FeatureCatalog.STANDARD.get(j));
            }
        }
        LocalDateTime start = data.rows().get(0).raceStart();
        assertEquals(full[37] - (start.getHour() * 60 + start.getMinute()) / 1440.0, early[37], 1e-9);
    }

    @Test
    void raceDayOutcomesAndUnknownFeaturesAreRejectedByName() {
        var e = assertThrows(InvalidArgumentException.class, () -> fx.features.dataset(LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 12, 31), Set.of(), List.of("finish_mean_last5", "finish", "laps_led", "warp_speed")));
        List<String> fields = e.violations().stream().map(FieldViolation::field).toList();
        assertEquals(List.of("features[1]", "features[2]", "features[3]"), fields);
        assertTrue(e.violations().get(0).description().contains("'finish' is forbidden"), e.getMessage());
        assertTrue(e.violations().get(2).description().contains("unknown feature 'warp_speed'"), e.getMessage());
        for (String outcome : List.of("status", "fastest_laps", "rating", "dnf")) {
            assertThrows(InvalidArgumentException.class, () -> fx.features.build(List.of(outcome), 0, 0));
            assertThrows(InvalidArgumentException.class, () -> fx.features.asOf(LocalDateTime.of(2024, 2, 18, 14, 30),
                    "SUPERSPEEDWAY", List.of(new UpcomingEntry("kyle-larson", 3)), List.of(outcome)));
        }
        var bad = assertThrows(InvalidArgumentException.class, () -> fx.features.asOf(LocalDateTime.of(2024, 2, 18, 14, 30),
                "OVAL", List.of(new UpcomingEntry("Kyle Larson", 3)), List.of()));
        assertEquals(List.of("archetype", "entries[0].driver_id"),
                bad.violations().stream().map(FieldViolation::field).toList());
        // Every declared feature has a source kind; only start_position comes from qualifying.
        assertTrue(FeatureCatalog.all().stream().allMatch(d -> d.source() != null));
        assertEquals(List.of("start_position"), FeatureCatalog.all().stream()
                .filter(d -> d.source() == FeatureSource.QUALIFYING).map(FeatureDeclaration::name).toList());
    }

    @Test
    void featureSnapshotsAreContentAddressedWithLineage() {
        FeatureSnapshot a = fx.features.build(List.of(), 2023, 0);
        FeatureSnapshot b = fx.features.build(List.of(), 2023, 2023);
        assertEquals(a.featureSnapshotId(), b.featureSnapshotId());
        assertFalse(b.created());
        long rows2023 = reference.stream().filter(r -> r.season == 2023).count();
        assertEquals(rows2023, a.rowCount());
        assertEquals(fx.store.list(0, 10).stream().map(TelemetryStore.SnapshotInfo::snapshotId).sorted().toList(),
                a.telemetrySnapshotIds());
        Path parquet = fx.dataDir.resolve(a.parquetPath());
        assertTrue(Files.isRegularFile(parquet));
        assertEquals(rows2023, fx.count("SELECT count(*) FROM read_parquet('" + parquet + "')"));
        assertEquals(rows2023, fx.count("SELECT count(*) FROM feature_values WHERE feature_snapshot_id = '"
                + a.featureSnapshotId() + "'"));
        // Stored values are the computed ones, bit for bit.
        TrainingData data = fx.features.dataset(2023, 2023, Set.of());
        double stored = fx.db.read(c -> {
            var rs = c.createStatement().executeQuery("SELECT \"values\"[1] FROM feature_values WHERE season = 2023 "
                    + "AND race = 36 AND driver_id = '" + data.rows().get(data.rows().size() - 1).driverId() + "'");
            rs.next();
            return rs.getDouble(1);
        });
        assertEquals(data.rows().get(data.rows().size() - 1).features()[0], stored);
        FeatureSnapshot other = fx.features.build(List.of("start_position"), 2023, 2023);
        assertTrue(!other.featureSnapshotId().equals(a.featureSnapshotId()));
        assertThrows(InvalidArgumentException.class, () -> fx.features.build(List.of(), 2023, 2022));
    }

    @Test
    void theSameQueryTwiceGivesTheSameBits() {
        TrainingData x = fx.features.dataset(2022, 2023, Set.of());
        TrainingData y = fx.features.dataset(2022, 2023, Set.of());
        assertEquals(x.datasetId(), y.datasetId());
    }

}
