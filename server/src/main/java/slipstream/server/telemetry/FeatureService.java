package slipstream.server.telemetry;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.PreconditionViolation;
import slipstream.server.store.DuckDb;

/**
 * Point-in-time features over the current telemetry, for Calibrate (training and held-out datasets),
 * Optimize (an upcoming race) and BuildFeatures (materialised snapshots). All three run the same
 * {@link FeatureSql}, whose as-of join reads only races that started strictly before each race's start.
 *
 * <p>Feature names default to {@link FeatureCatalog#STANDARD} (39 features, order documented there);
 * asking for a race-day outcome or an unknown name is INVALID_ARGUMENT naming it. Values are raw; use
 * {@link TrainingData#scaling()} of the training set to standardise training, held-out and upcoming rows alike.
 */
@Singleton
public class FeatureService {

    /** Archetype names, as in the ontology's Track.archetype. */
    public static final Set<String> ARCHETYPES = Set.of("SUPERSPEEDWAY", "INTERMEDIATE", "SHORT_TRACK", "ROAD_COURSE");

    private final DuckDb db;
    private final DataRoot root;
    private final FeatureSql sql;

    @Inject
    public FeatureService(DuckDb db, DataRoot root, TelemetryStore store) {
        this(db, root, FeatureSql.STANDARD);
    }

    FeatureService(DuckDb db, DataRoot root, FeatureSql sql) {
        this.db = db;
        this.root = root;
        this.sql = sql;
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS feature_snapshots (
                          feature_snapshot_id VARCHAR PRIMARY KEY,
                          created_at TIMESTAMPTZ NOT NULL,
                          features VARCHAR[] NOT NULL,
                          telemetry_snapshot_ids VARCHAR[] NOT NULL,
                          from_season INTEGER NOT NULL,
                          to_season INTEGER NOT NULL,
                          row_count BIGINT NOT NULL,
                          parquet_path VARCHAR NOT NULL)""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS feature_values (
                          feature_snapshot_id VARCHAR NOT NULL,
                          season INTEGER NOT NULL,
                          race INTEGER NOT NULL,
                          race_start TIMESTAMP NOT NULL,
                          archetype VARCHAR NOT NULL,
                          driver_id VARCHAR NOT NULL,
                          "values" DOUBLE[] NOT NULL)""");
            }
            return null;
        });
    }

    /**
     * (a) Training / held-out data: every race whose start date lies in [from, to] (inclusive), optionally only
     * the given archetypes, ordered by race then finish, each row with its outcome and its features as of the
     * race's start. History for the features is NOT limited to the window: a 2016 race sees 2015 races.
     *
     * @param archetypes empty for all; else names from {@link #ARCHETYPES}
     * @param features   empty for {@link FeatureCatalog#STANDARD}
     */
    public TrainingData dataset(LocalDate from, LocalDate to, Set<String> archetypes, List<String> features) {
        List<String> names = FeatureCatalog.resolve("features", features);
        List<FieldViolation> bad = new ArrayList<>();
        if (from == null || to == null || to.isBefore(from)) {
            bad.add(new FieldViolation("window", "needs from <= to, got " + from + ".." + to));
        }
        checkArchetypes(archetypes, bad);
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        String archetypeFilter = archetypes.isEmpty() ? "" : " AND r.archetype IN ("
                + archetypes.stream().sorted().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + ")";
        return db.read(c -> {
            createDatasetTargets(c, from, to, archetypeFilter);
            List<Computed> computed = compute(c, names);
            List<RaceRow> rows = new ArrayList<>(computed.size());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT season, race, CAST(race_start AS VARCHAR), archetype, race_laps, driver_id, team_id,
                           start_position, finish, dnf, laps_led, fastest_laps
                    FROM feature_targets ORDER BY target_id""")) {
                int i = 0;
                while (rs.next()) {
                    int fl = rs.getInt(12);
                    rows.add(new RaceRow(RaceRow.key(rs.getInt(1), rs.getInt(2)), rs.getInt(1), rs.getInt(2),
                            timestamp(rs.getString(3)), rs.getString(4), rs.getInt(5), rs.getString(6),
                            rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10), rs.getInt(11),
                            rs.wasNull() ? null : fl, computed.get(i++).values));
                }
            }
            List<String> lineage = lineage(c);
            FeatureScaling scaling = FeatureScaling.of(rows.stream().map(RaceRow::features).toList(), names.size());
            return new TrainingData(names, List.copyOf(rows), scaling, lineage, datasetId(names, lineage, rows));
        });
    }

    /** (a) by seasons: races of seasons [fromSeason, toSeason] (January 1 to December 31), standard features. */
    public TrainingData dataset(int fromSeason, int toSeason, Set<String> archetypes) {
        return dataset(LocalDate.of(fromSeason, 1, 1), LocalDate.of(toSeason, 12, 31), archetypes, List.of());
    }

    /**
     * (b) As-of features for an upcoming race: the same query, with the given drivers as targets at the given
     * start. Only races that started strictly before {@code raceStart} are read. A race known only by its date
     * can pass {@code date.atStartOfDay()} (then nothing of that day is read).
     *
     * @param raceStart local start time of the race (same convention as the results' race_date)
     * @param archetype one of {@link #ARCHETYPES}
     * @param entries   drivers (ontology ids) with their start positions when known
     * @param features  empty for {@link FeatureCatalog#STANDARD}
     * @return one entry per input entry, in input order
     */
    public List<DriverFeatures> asOf(LocalDateTime raceStart, String archetype, List<UpcomingEntry> entries,
                                     List<String> features) {
        List<String> names = FeatureCatalog.resolve("features", features);
        List<FieldViolation> bad = new ArrayList<>();
        if (raceStart == null) {
            bad.add(new FieldViolation("race_start", "is required"));
        }
        checkArchetypes(archetype == null ? Set.of("") : Set.of(archetype), bad);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            UpcomingEntry e = entries.get(i);
            if (e.driverId() == null || e.driverId().isEmpty() || !DriverIds.slug(e.driverId()).equals(e.driverId())) {
                bad.add(new FieldViolation("entries[" + i + "].driver_id", "must be a driver id (slug of the name, e.g. "
                        + "martin-truex-jr), got '" + e.driverId() + "'"));
            } else if (!seen.add(e.driverId())) {
                bad.add(new FieldViolation("entries[" + i + "].driver_id", "driver '" + e.driverId() + "' is entered twice"));
            }
            if (e.startPosition() != null && e.startPosition() < 1) {
                bad.add(new FieldViolation("entries[" + i + "].start_position", "must be at least 1"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        return db.read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE OR REPLACE TEMP TABLE feature_targets (target_id BIGINT, driver_id VARCHAR, "
                        + "archetype VARCHAR, race_start TIMESTAMP, start_position INTEGER)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO feature_targets VALUES (?, ?, ?, CAST(? AS TIMESTAMP), ?)")) {
                for (int i = 0; i < entries.size(); i++) {
                    ps.setLong(1, i + 1);
                    ps.setString(2, entries.get(i).driverId());
                    ps.setString(3, archetype);
                    ps.setString(4, raceStart.toString());
                    if (entries.get(i).startPosition() == null) {
                        ps.setNull(5, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(5, entries.get(i).startPosition());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<Computed> computed = compute(c, names);
            List<DriverFeatures> out = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                out.add(new DriverFeatures(entries.get(i).driverId(), computed.get(i).values, computed.get(i).priorRaces));
            }
            return out;
        });
    }

    /**
     * Materialises features of every (race, driver) of seasons [fromSeason, toSeason] (0 = first / last season
     * loaded) into a content-addressed feature snapshot with its telemetry lineage and a Parquet export.
     */
    public FeatureSnapshot build(List<String> features, int fromSeason, int toSeason) {
        List<String> names = FeatureCatalog.resolve("features", features);
        long started = System.nanoTime();
        int[] range = seasonRange(fromSeason, toSeason);
        TrainingData data = dataset(LocalDate.of(range[0], 1, 1), LocalDate.of(range[1], 12, 31), Set.of(), names);
        String id = data.datasetId();
        Path parquet = root.path().resolve("snapshots").resolve("features-" + id + ".parquet");
        List<FeatureDeclaration> declarations = names.stream().map(FeatureCatalog::declaration).toList();
        boolean created = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM feature_snapshots WHERE feature_snapshot_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feature_snapshots VALUES "
                    + "(?, now(), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, listLiteral(names));
                ps.setString(3, listLiteral(data.telemetrySnapshotIds()));
                ps.setInt(4, range[0]);
                ps.setInt(5, range[1]);
                ps.setLong(6, data.rows().size());
                ps.setString(7, root.relative(parquet));
                ps.executeUpdate();
            }
            // The same query again, straight into the table (it is deterministic: the values are the ones hashed).
            createDatasetTargets(c, LocalDate.of(range[0], 1, 1), LocalDate.of(range[1], 12, 31), "");
            String values = names.stream().map(n -> "f." + TelemetryStore.q(n)).collect(Collectors.joining(", ", "[", "]"));
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO feature_values SELECT '" + id + "', t.season, t.race, t.race_start, t.archetype, "
                        + "t.driver_id, " + values + " FROM feature_targets t JOIN (" + sql.select(names)
                        + ") f USING (target_id)");
            }
            exportFeatures(c, id, names, parquet);
            return true;
        });
        if (!created && !Files.exists(parquet)) {
            db.read(c -> {
                exportFeatures(c, id, names, parquet);
                return null;
            });
        }
        return new FeatureSnapshot(id, created, data.telemetrySnapshotIds(), data.rows().size(), declarations,
                range[0], range[1], root.relative(parquet), (System.nanoTime() - started) / 1e6);
    }

    // ---- internals ---------------------------------------------------------------------------------------

    /** The races of a window as feature targets, with their outcomes (labels) alongside. */
    private static void createDatasetTargets(Connection c, LocalDate from, LocalDate to, String archetypeFilter)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE OR REPLACE TEMP TABLE feature_targets AS
                    SELECT row_number() OVER (ORDER BY r.race_date, r.season, r.race, r.finish) AS target_id,
                           r.driver_id, r.archetype, r.race_date AS race_start, r.start AS start_position,
                           r.season, r.race, r.race_laps, r.team_id, r.finish, r.dnf, r.laps_led,
                           (SELECT l.fastest_lap FROM telemetry_loop_current l
                            WHERE l.season = r.season AND l.race = r.race
                              AND replace(l.driver_id, '-', '') = replace(r.driver_id, '-', '')
                              AND coalesce(l.points_race, true)) AS fastest_laps
                    FROM telemetry_results_current r
                    WHERE CAST(r.race_date AS DATE) BETWEEN DATE '%s' AND DATE '%s'%s
                    """.formatted(from, to, archetypeFilter));
        }
    }

    private record Computed(double[] values, int priorRaces) {}

    /** Runs THE feature query over the connection's feature_targets, in target order. */
    private List<Computed> compute(Connection c, List<String> names) throws SQLException {
        List<Computed> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.select(names))) {
            int width = names.size();
            while (rs.next()) {
                double[] v = new double[width];
                for (int j = 0; j < width; j++) {
                    v[j] = rs.getDouble(3 + j);
                }
                out.add(new Computed(v, rs.getInt(2)));
            }
        }
        return out;
    }

    private int[] seasonRange(int from, int to) {
        int[] loaded = db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT min(season), max(season) FROM telemetry_results_current")) {
                rs.next();
                int min = rs.getInt(1);
                return rs.wasNull() ? null : new int[] {min, rs.getInt(2)};
            }
        });
        if (loaded == null) {
            throw new FailedPreconditionException("NO_TELEMETRY", "no race results are ingested yet; ingest a "
                    + "results file first (TelemetryService/Ingest or ./slipstream ingest FILE)",
                    List.of(new PreconditionViolation("TELEMETRY", "results", "no results snapshot is stored")));
        }
        int a = from == 0 ? loaded[0] : from;
        int b = to == 0 ? loaded[1] : to;
        List<FieldViolation> bad = new ArrayList<>();
        if (from < 0 || (from != 0 && (from < 1949 || from > 2100))) {
            bad.add(new FieldViolation("from_season", "must be 0 (first loaded) or a season 1949..2100, is " + from));
        }
        if (to < 0 || (to != 0 && (to < 1949 || to > 2100))) {
            bad.add(new FieldViolation("to_season", "must be 0 (last loaded) or a season 1949..2100, is " + to));
        }
        if (bad.isEmpty() && b < a) {
            bad.add(new FieldViolation("to_season", "season range " + a + ".." + b + " is empty (to before from)"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        return new int[] {a, b};
    }

    private static void checkArchetypes(Set<String> archetypes, List<FieldViolation> bad) {
        for (String a : archetypes) {
            if (!ARCHETYPES.contains(a)) {
                bad.add(new FieldViolation("archetype", "'" + a + "' is not one of " + ARCHETYPES.stream().sorted().toList()));
            }
        }
    }

    private static List<String> lineage(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT snapshot_id FROM telemetry_results_current
                UNION SELECT snapshot_id FROM telemetry_loop_current
                ORDER BY 1""")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return List.copyOf(ids);
    }

    private static String datasetId(List<String> names, List<String> lineage, List<RaceRow> rows) {
        MessageDigest digest = TelemetryStore.sha256();
        digest.update(("slipstream-features-v1\n" + String.join(",", names) + "\n" + String.join(",", lineage) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(8 * Math.max(1, names.size()));
        for (RaceRow r : rows) {
            digest.update((r.raceKey() + "\u001f" + r.driverId() + "\n").getBytes(StandardCharsets.UTF_8));
            buf.clear();
            for (double v : r.features()) {
                buf.putLong(Double.doubleToLongBits(v));
            }
            digest.update(buf.array(), 0, buf.position());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void exportFeatures(Connection c, String id, List<String> names, Path target) throws SQLException {
        StringBuilder cols = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            cols.append(", \"values\"[").append(j + 1).append("] AS ").append(TelemetryStore.q(names.get(j)));
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (Statement st = c.createStatement()) {
                st.execute("COPY (SELECT season, race, race_start, archetype, driver_id" + cols
                        + " FROM feature_values WHERE feature_snapshot_id = '" + id + "' ORDER BY race_start, season, "
                        + "race, driver_id) TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static String listLiteral(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static LocalDateTime timestamp(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }
}
