package slipstream.server.spec;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import slipstream.server.store.DuckDb;
import slipstream.server.store.LruCache;

/**
 * Append-only store of compiled specs in DuckDB. A spec is keyed by its content id, so storing identical
 * content twice keeps the first row; rows are never updated. The canonical JSON (what the id hashes) is
 * kept beside the serialised message for audit.
 */
@Singleton
public class SpecStore {

    /** Specs read lately, by id. Rows are never updated, so a cached spec is never stale. */
    private static final int CACHED_SPECS = 64;

    private final DuckDb db;
    private final LruCache<String, ConstraintSpec> recent = new LruCache<>(CACHED_SPECS);

    public SpecStore(DuckDb db) {
        this.db = db;
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS specs (
                          spec_id VARCHAR PRIMARY KEY,
                          slate_id VARCHAR NOT NULL,
                          entry_count INTEGER NOT NULL,
                          created_at TIMESTAMPTZ NOT NULL,
                          canonical_json VARCHAR NOT NULL,
                          spec_proto BLOB NOT NULL)""");
            }
            return null;
        });
    }

    /** Stored spec summary. */
    public record Summary(String specId, String slateId, int entryCount, Instant createdAt) {}

    /** Stores the spec unless its id is already stored; returns whether a row was added. */
    public boolean put(ConstraintSpec spec) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO specs VALUES (?, ?, ?, now(), ?, ?) ON CONFLICT (spec_id) DO NOTHING""")) {
                ps.setString(1, spec.specId());
                ps.setString(2, spec.slateId());
                ps.setInt(3, spec.entries().size());
                ps.setString(4, CanonicalForm.of(spec));
                ps.setBytes(5, SpecProtos.toProto(spec).toByteArray());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The stored spec; one read lately is served from memory (each Optimize reads its spec: ~2 ms from DuckDB). */
    public Optional<ConstraintSpec> get(String specId) {
        return recent.getOrRead(specId, this::read);
    }

    private Optional<ConstraintSpec> read(String specId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT spec_proto FROM specs WHERE spec_id = ?")) {
                ps.setString(1, specId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(SpecProtos.fromProto(
                                slipstream.proto.v1.ConstraintSpec.parseFrom(rs.getBytes(1))));
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException("stored spec " + specId + " is corrupt", e);
                    }
                }
            }
        });
    }

    /** Newest first; {@code slateId} empty means all slates. */
    public List<Summary> list(String slateId, int offset, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT spec_id, slate_id, entry_count, epoch_ms(created_at) FROM specs
                    WHERE ? = '' OR slate_id = ? ORDER BY created_at DESC, spec_id LIMIT ? OFFSET ?""")) {
                ps.setString(1, slateId);
                ps.setString(2, slateId);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                List<Summary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Summary(rs.getString(1), rs.getString(2), rs.getInt(3),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return out;
            }
        });
    }

    public long count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM specs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
