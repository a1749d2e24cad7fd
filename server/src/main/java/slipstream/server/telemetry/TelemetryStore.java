package slipstream.server.telemetry;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.store.DuckDb;
import slipstream.server.store.UntilNextWrite;

/**
 * Telemetry snapshots in DuckDB. A file is read with DuckDB's own reader ({@code read_csv} with every column
 * as text, or {@code read_parquet}), checked against its kind's declared {@link TelemetrySchema} (columns,
 * types, values), hashed, and stored in ONE transaction: a bad file stores nothing. A snapshot's id is the
 * SHA-256 of its canonical content (kind, declared columns, typed rows in key order), so the same rows in
 * another file, order or format give the same id, and ingesting them again is a no-op. Rows are never
 * updated: a later snapshot that contains a race supersedes that race's rows in the {@code *_current}
 * views (whole races, never single rows). Each snapshot is exported to {@code <data root>/snapshots/<id>.parquet}.
 */
@Singleton
public class TelemetryStore {

    /** Bad rows listed in an INVALID_ARGUMENT when the caller does not say. */
    public static final int DEFAULT_REPORTED_ERRORS = 20;
    static final String SCHEMA_VERSION = "slipstream-telemetry-v1";

    private final DuckDb db;
    private final UntilNextWrite<Long> latestSequence;
    private final DataRoot root;
    private final Object ingestLock = new Object();

    public TelemetryStore(DuckDb db, DataRoot root) {
        this.db = db;
        this.latestSequence = new UntilNextWrite<>(db);
        this.root = root;
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS telemetry_snapshots (
                          snapshot_id VARCHAR PRIMARY KEY,
                          seq BIGINT NOT NULL,
                          kind VARCHAR NOT NULL,
                          row_count BIGINT NOT NULL,
                          source_name VARCHAR NOT NULL,
                          created_at TIMESTAMPTZ NOT NULL,
                          seasons INTEGER[] NOT NULL,
                          parquet_path VARCHAR NOT NULL)""");
                for (TelemetrySchema schema : TelemetrySchema.values()) {
                    st.execute(tableDdl(schema));
                    st.execute("CREATE OR REPLACE VIEW " + schema.currentView() + " AS SELECT r.* FROM "
                            + schema.table() + " r JOIN telemetry_snapshots s USING (snapshot_id) "
                            + "QUALIFY s.seq = max(s.seq) OVER (PARTITION BY " + schema.supersedePartition() + ")");
                }
            }
            return null;
        });
    }

    /** Result of one ingest. */
    public record IngestResult(String snapshotId, boolean created, long rowCount, String parquetPath,
                               List<Integer> seasons) {}

    /** A stored snapshot. */
    public record SnapshotInfo(String snapshotId, TelemetrySchema kind, long rowCount, String sourceName,
                               Instant createdAt, List<Integer> seasons, String parquetPath) {}

    /**
     * Ingests one file (any path: the caller has already confined client paths with {@link DataRoot}).
     *
     * @param maxReportedErrors bad rows to list on rejection (1..1000)
     * @throws InvalidArgumentException listing bad columns, or the first bad rows as {@code rows[i].column},
     *                                  i counting data rows from 1 (line i + 1 of a CSV with its header)
     */
    public IngestResult ingest(Path file, TelemetrySchema schema, int maxReportedErrors) {
        String name = file.getFileName().toString();
        String reader = reader(file);
        synchronized (ingestLock) {
            return db.inTransaction(c -> {
                List<String> header = stage(c, file, reader);
                checkColumns(schema, header, name);
                long rows = count(c, "SELECT count(*) FROM telemetry_stage");
                if (rows == 0) {
                    throw InvalidArgumentException.of("path", "'" + name + "' has a header but no rows");
                }
                buildTyped(c, schema, header);
                rejectBadRows(c, schema, header, maxReportedErrors, name);
                String id = contentId(c, schema);
                List<Integer> seasons = seasons(c);
                Path parquet = root.path().resolve("snapshots").resolve(id + ".parquet");
                if (count(c, "SELECT count(*) FROM telemetry_snapshots WHERE snapshot_id = '" + id + "'") > 0) {
                    if (!Files.exists(parquet)) {
                        export(c, schema, id, parquet);
                    }
                    return new IngestResult(id, false, rows, root.relative(parquet), seasons);
                }
                long seq = count(c, "SELECT coalesce(max(seq), 0) + 1 FROM telemetry_snapshots");
                try (Statement st = c.createStatement()) {
                    String stored = String.join(", ", quoted(schema.storedNames()));
                    st.execute("INSERT INTO " + schema.table() + " (snapshot_id, " + stored + ") SELECT '" + id
                            + "', " + stored + " FROM telemetry_typed");
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO telemetry_snapshots VALUES (?, ?, ?, ?, ?, now(), ?::INTEGER[], ?)")) {
                    ps.setString(1, id);
                    ps.setLong(2, seq);
                    ps.setString(3, schema.name());
                    ps.setLong(4, rows);
                    ps.setString(5, name);
                    ps.setString(6, seasons.toString());
                    ps.setString(7, root.relative(parquet));
                    ps.executeUpdate();
                }
                export(c, schema, id, parquet);
                return new IngestResult(id, true, rows, root.relative(parquet), seasons);
            });
        }
    }

    /** Snapshots, newest first. */
    public List<SnapshotInfo> list(int offset, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT snapshot_id, kind, row_count, source_name, created_at, seasons, parquet_path
                    FROM telemetry_snapshots ORDER BY seq DESC LIMIT ? OFFSET ?""")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                List<SnapshotInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SnapshotInfo(rs.getString(1), TelemetrySchema.valueOf(rs.getString(2)),
                                rs.getLong(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(),
                                ints(rs.getArray(6)), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Sequence number of the newest snapshot, 0 when none. It grows with every ingest that stores new rows, so
     * anything derived from telemetry can be cached under it.
     */
    public long latestSequence() {
        return latestSequence.get(() -> db.read(c -> count(c, "SELECT coalesce(max(seq), 0) FROM telemetry_snapshots")));
    }

    /** True when no telemetry has been ingested. */
    public boolean isEmpty() {
        return db.read(c -> count(c, "SELECT count(*) FROM telemetry_snapshots") == 0);
    }

    /** Reads the header of a file the way ingest does, to guess its kind (command line). */
    public List<String> header(Path file) {
        String reader = reader(file);
        return db.read(c -> stageRaw(c, file, reader));
    }

    // ---- staging and checks ------------------------------------------------------------------------------

    private static String reader(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return "read_csv('%s', header = true, all_varchar = true, sample_size = -1)";
        }
        if (lower.endsWith(".parquet")) {
            return "read_parquet('%s')";
        }
        throw InvalidArgumentException.of("path", "'" + file.getFileName()
                + "' must end in .csv or .parquet (the extension picks DuckDB's reader)");
    }

    private static List<String> stageRaw(Connection c, Path file, String reader) throws SQLException {
        String literal = file.toAbsolutePath().toString().replace("'", "''");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE telemetry_raw AS SELECT * FROM " + reader.formatted(literal));
        } catch (SQLException e) {
            throw InvalidArgumentException.of("path", "'" + file.getFileName() + "' cannot be read: "
                    + firstLine(e.getMessage()));
        }
        List<String> header = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM telemetry_raw LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                header.add(md.getColumnName(i));
            }
        }
        return header;
    }

    /** Stages the file as text columns with a 1-based row number in file order. */
    private static List<String> stage(Connection c, Path file, String reader) throws SQLException {
        List<String> header = stageRaw(c, file, reader);
        String columns = header.stream().map(h -> "CAST(" + q(h) + " AS VARCHAR) AS " + q(h))
                .collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            // rowid of a freshly created table follows insertion order, which is file order.
            st.execute("CREATE OR REPLACE TEMP TABLE telemetry_stage AS SELECT row_number() OVER (ORDER BY rowid) AS row_no, " + columns
                    + " FROM telemetry_raw");
        }
        return header;
    }

    private static void checkColumns(TelemetrySchema schema, List<String> header, String name) {
        List<FieldViolation> bad = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String h : header) {
            var column = schema.column(h);
            if (column.isEmpty()) {
                bad.add(new FieldViolation("path", "'" + name + "' has unknown column '" + h + "' for kind "
                        + schema + "; declared columns: " + schema.columns().stream().map(Column::name).toList()));
            } else if (seen.contains(column.get().name())) {
                bad.add(new FieldViolation("path", "'" + name + "' has column '" + h + "' twice"));
            } else {
                seen.add(column.get().name());
            }
        }
        for (Column column : schema.columns()) {
            if (column.required() && !seen.contains(column.name())) {
                bad.add(new FieldViolation("path", "'" + name + "' lacks required column '" + column.name()
                        + "' (" + column.type().expected + ") for kind " + schema));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
    }

    private static void buildTyped(Connection c, TelemetrySchema schema, List<String> header) throws SQLException {
        List<String> select = new ArrayList<>();
        for (Column column : schema.columns()) {
            String source = sourceColumn(column, header);
            select.add(source == null
                    ? "CAST(NULL AS " + column.type().sqlType + ") AS " + q(column.stored())
                    : "CASE WHEN " + column.type().valid(q(source)) + " THEN " + column.type().cast(q(source))
                            + " END AS " + q(column.stored()));
        }
        String derived = schema.derived().stream().map(d -> d.expression() + " AS " + q(d.name()))
                .collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE telemetry_typed AS SELECT *, " + derived + " FROM (SELECT row_no, "
                    + String.join(", ", select) + " FROM telemetry_stage)");
        }
    }

    private static void rejectBadRows(Connection c, TelemetrySchema schema, List<String> header, int max,
                                      String name) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (Column column : schema.columns()) {
            String source = sourceColumn(column, header);
            if (source == null) {
                continue;
            }
            String v = q(source);
            String label = column.name().replace("'", "''");
            parts.add("SELECT row_no, '" + label + "' AS col, CASE WHEN " + v + " IS NULL OR trim(" + v
                    + ") = '' THEN 'is empty; the column is required' ELSE '''' || " + v + " || ''' is not "
                    + column.type().expected.replace("'", "''") + "' END AS reason FROM telemetry_stage WHERE "
                    + (column.required() ? "(" + v + " IS NULL OR trim(" + v + ") = '') OR " : "")
                    + "(" + v + " IS NOT NULL AND trim(" + v + ") <> '' AND NOT coalesce(" + column.type().valid(v)
                    + ", false))");
        }
        for (TelemetrySchema.RowCheck check : schema.checks()) {
            parts.add("SELECT row_no, '" + check.column() + "' AS col, " + check.reason()
                    + " AS reason FROM checked WHERE " + check.badWhen());
        }
        String all = "WITH checked AS (" + schema.checkedRelation() + ") " + String.join(" UNION ALL ", parts);
        long badRows;
        long problems;
        List<FieldViolation> listed = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE telemetry_problems AS " + all);
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT row_no), count(*) FROM telemetry_problems")) {
                rs.next();
                badRows = rs.getLong(1);
                problems = rs.getLong(2);
            }
            if (problems == 0) {
                return;
            }
            try (ResultSet rs = st.executeQuery("SELECT row_no, col, reason FROM telemetry_problems "
                    + "WHERE row_no IN (SELECT DISTINCT row_no FROM telemetry_problems ORDER BY row_no LIMIT " + max
                    + ") ORDER BY row_no, col, reason")) {
                while (rs.next()) {
                    listed.add(new FieldViolation("rows[" + rs.getLong(1) + "]." + rs.getString(2), rs.getString(3)));
                }
            }
        }
        List<FieldViolation> all2 = new ArrayList<>();
        all2.add(new FieldViolation("path", "'" + name + "' has " + badRows + " bad row(s) with " + problems
                + " problem(s); the first " + Math.min(badRows, max) + " row(s) are listed as rows[i].column, i counting"
                + " data rows from 1 (line i + 1 of a CSV). Nothing was stored; fix the file and ingest it again."));
        all2.addAll(listed);
        throw new InvalidArgumentException(all2);
    }

    private static String sourceColumn(Column column, List<String> header) {
        return header.stream().filter(h -> h.equalsIgnoreCase(column.name())).findFirst().orElse(null);
    }

    // ---- identity and export -----------------------------------------------------------------------------

    /** SHA-256 over the schema version, kind, stored column names and the typed rows in key order. */
    private static String contentId(Connection c, TelemetrySchema schema) throws SQLException {
        MessageDigest digest = sha256();
        List<String> names = schema.storedNames();
        digest.update((SCHEMA_VERSION + "\n" + schema.name() + "\n" + String.join(",", names) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        String select = names.stream().map(n -> "CAST(" + q(n) + " AS VARCHAR)").collect(Collectors.joining(", "));
        String order = schema.key().stream().map(k -> q(k) + " NULLS FIRST").collect(Collectors.joining(", "));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + select + " FROM telemetry_typed ORDER BY " + order)) {
            int n = names.size();
            StringBuilder row = new StringBuilder(256);
            while (rs.next()) {
                row.setLength(0);
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    row.append(v == null ? "\u0000" : v).append(i < n ? '\u001f' : '\n');
                }
                digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Integer> seasons(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT DISTINCT season FROM telemetry_typed WHERE season IS NOT NULL ORDER BY season")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** Writes the snapshot's rows to Parquet atomically (temp file, then rename). */
    private static void export(Connection c, TelemetrySchema schema, String id, Path target) throws SQLException {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(id + ".parquet.tmp");
            String order = schema.key().stream().map(k -> q(k) + " NULLS FIRST").collect(Collectors.joining(", "));
            try (Statement st = c.createStatement()) {
                st.execute("COPY (SELECT * FROM " + schema.table() + " WHERE snapshot_id = '" + id + "' ORDER BY "
                        + order + ") TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static String tableDdl(TelemetrySchema schema) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + schema.table()
                + " (snapshot_id VARCHAR NOT NULL");
        schema.columns().forEach(col -> ddl.append(", ").append(q(col.stored())).append(' ').append(col.type().sqlType));
        schema.derived().forEach(d -> ddl.append(", ").append(q(d.name())).append(' ').append(d.sqlType()));
        return ddl.append(')').toString();
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(TelemetryStore::q).toList();
    }

    static List<Integer> ints(Array array) throws SQLException {
        List<Integer> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(((Number) o).intValue());
        }
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reader error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
