package slipstream.server.calibration;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.server.store.DuckDb;
import slipstream.server.store.LruCache;
import slipstream.server.store.UntilNextWrite;

/**
 * Append-only calibration registry in DuckDB: one row per calibration version (completed or failed attempt),
 * and an activation history whose newest row names the active calibration. Nothing is updated in place.
 */
@Singleton
public class CalibrationStore {

    private final DuckDb db;
    private final UntilNextWrite<Optional<String>> activeId;
    /** Calibrations read lately, by id: few, as each holds its posterior draws. */
    private final LruCache<String, Stored> recent = new LruCache<>(4);

    public CalibrationStore(DuckDb db) {
        this.db = db;
        this.activeId = new UntilNextWrite<>(db);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS calibrations (
                          calibration_id VARCHAR PRIMARY KEY,
                          status VARCHAR NOT NULL,
                          created_at TIMESTAMPTZ NOT NULL,
                          train_window VARCHAR NOT NULL,
                          holdout_window VARCHAR NOT NULL,
                          holdout_races INTEGER NOT NULL,
                          rps DOUBLE NOT NULL,
                          parameter_names VARCHAR NOT NULL,
                          model_scaling VARCHAR NOT NULL,
                          posterior BLOB NOT NULL,
                          result_proto BLOB NOT NULL)""");
                st.execute("CREATE SEQUENCE IF NOT EXISTS activation_seq");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS activations (
                          seq BIGINT PRIMARY KEY DEFAULT nextval('activation_seq'),
                          calibration_id VARCHAR NOT NULL,
                          previous_calibration_id VARCHAR NOT NULL,
                          forced BOOLEAN NOT NULL,
                          reason VARCHAR NOT NULL,
                          activated_at TIMESTAMPTZ NOT NULL)""");
            }
            return null;
        });
    }

    /** A stored calibration version. {@code posterior} is [draw][parameter], chains concatenated. */
    public record Stored(CalibrationResult result, Instant createdAt, String trainWindow, String holdoutWindow, int holdoutRaces,
                         double rps, List<String> parameterNames, ModelScaling scaling, double[][] posterior) {
        public boolean converged() {
            return result.getStatus() == CalibrationStatus.CALIBRATION_STATUS_CONVERGED;
        }
    }

    /** An activation record. */
    public record ActivationRow(String calibrationId, String previousId, boolean forced, String reason, Instant at) {}

    /** Stores a version unless the id exists (identical content); returns whether a row was added. */
    public boolean put(CalibrationResult result, String trainWindow, String holdoutWindow, int holdoutRaces, double rps,
                       List<String> parameterNames, ModelScaling scaling, double[][] posterior) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO calibrations VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (calibration_id) DO NOTHING""")) {
                ps.setString(1, result.getCalibrationId());
                ps.setString(2, result.getStatus().name());
                ps.setString(3, trainWindow);
                ps.setString(4, holdoutWindow);
                ps.setInt(5, holdoutRaces);
                ps.setDouble(6, rps);
                ps.setString(7, String.join("\n", parameterNames));
                ps.setString(8, scaling.toText());
                ps.setBytes(9, pack(posterior));
                ps.setBytes(10, result.toByteArray());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * A stored calibration; those read lately are served from memory (rows are never updated, so they cannot go
     * stale; each Optimize reads its calibration, ~6 ms for 4,000 draws of 150 parameters). Misses are not kept.
     */
    public Optional<Stored> get(String calibrationId) {
        return recent.getOrRead(calibrationId, this::read);
    }

    private Optional<Stored> read(String calibrationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT result_proto, epoch_ms(created_at), holdout_window, holdout_races, rps, parameter_names, posterior,
                           model_scaling, train_window
                    FROM calibrations WHERE calibration_id = ?""")) {
                ps.setString(1, calibrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<String> names = List.of(rs.getString(6).split("\n"));
                    return Optional.of(new Stored(parse(rs.getBytes(1)), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(9), rs.getString(3), rs.getInt(4), rs.getDouble(5), names, ModelScaling.fromText(rs.getString(8)),
                            unpack(rs.getBytes(7), names.size())));
                }
            }
        });
    }

    /** Newest first. */
    public List<Stored> list(int offset, int limit) {
        List<String> ids = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT calibration_id FROM calibrations ORDER BY created_at DESC, calibration_id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        return ids.stream().map(id -> get(id).orElseThrow()).toList();
    }

    /** The id of the active calibration: the newest activation (read again only after a write). */
    public Optional<String> activeId() {
        return activeId.get(() -> db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT calibration_id FROM activations ORDER BY seq DESC LIMIT 1")) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        }));
    }

    public ActivationRow activate(String calibrationId, boolean forced, String reason) {
        return db.inTransaction(c -> {
            String previous = "";
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT calibration_id FROM activations ORDER BY seq DESC LIMIT 1")) {
                if (rs.next()) {
                    previous = rs.getString(1);
                }
            }
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO activations (calibration_id, previous_calibration_id, forced, reason, activated_at)
                    VALUES (?, ?, ?, ?, make_timestamptz(? * 1000))""")) {
                ps.setString(1, calibrationId);
                ps.setString(2, previous);
                ps.setBoolean(3, forced);
                ps.setString(4, reason);
                ps.setLong(5, now.toEpochMilli());
                ps.executeUpdate();
            }
            return new ActivationRow(calibrationId, previous, forced, reason, now);
        });
    }

    public List<ActivationRow> history() {
        return db.read(c -> {
            List<ActivationRow> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT calibration_id, previous_calibration_id, forced, reason, epoch_ms(activated_at)
                    FROM activations ORDER BY seq""")) {
                while (rs.next()) {
                    out.add(new ActivationRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return out;
        });
    }

    private static CalibrationResult parse(byte[] bytes) {
        try {
            return CalibrationResult.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored calibration is corrupt", e);
        }
    }

    private static byte[] pack(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer b = ByteBuffer.allocate(rows.length * cols * 8);
        for (double[] row : rows) {
            for (double v : row) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    private static double[][] unpack(byte[] bytes, int cols) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int rows = cols == 0 ? 0 : bytes.length / 8 / cols;
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = b.getDouble();
            }
        }
        return out;
    }
}
