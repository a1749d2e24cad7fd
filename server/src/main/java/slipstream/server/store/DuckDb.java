package slipstream.server.store;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;
import slipstream.server.config.SlipstreamConfig;

/**
 * The DuckDB file of the server ({@code <data-dir>/slipstream.duckdb}). One database instance per process;
 * each unit of work gets its own duplicated connection, so concurrent calls never share a transaction.
 * Stores are append-only: tables are created here by each store, rows are never updated in place.
 */
@Singleton
public class DuckDb {

    private final DuckDBConnection root;
    private final Path file;
    /**
     * Transactions committed to each file by this process, the only writer (DuckDB lets one process open a file
     * for writing); shared by every instance on the same file.
     */
    private static final ConcurrentHashMap<Path, AtomicLong> COMMITS = new ConcurrentHashMap<>();
    private final AtomicLong commits;

    public DuckDb(SlipstreamConfig config) {
        try {
            Files.createDirectories(config.dataPath());
            this.file = config.dataPath().resolve("slipstream.duckdb");
            this.commits = COMMITS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new AtomicLong());
            this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB at " + config.dataPath()
                    + ": " + e.getMessage() + " (is another server using this data dir?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** A new connection to the same database; close it when done. */
    public Connection connect() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB connection failed: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction on its own connection: all of it is stored, or none. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                commits.incrementAndGet();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** How many transactions have committed: a read made at one count is current until the count moves. */
    public long commits() {
        return commits.get();
    }

    /** Runs read-only work on its own connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** JDBC work that may throw SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @PreDestroy
    public void close() throws SQLException {
        root.close();
    }
}
