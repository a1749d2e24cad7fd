package slipstream.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slipstream.server.support.TempDuckDb;

class UntilNextWriteTest {

    /** A real DuckDB file: the result is read once, then again after each commit, from any instance on the file. */
    @Test
    void aResultIsReusedUntilATransactionCommits(@TempDir Path dir) throws Exception {
        DuckDb db = TempDuckDb.in(dir);
        try {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE numbers (n INTEGER)");
                }
                return null;
            });
            AtomicInteger queries = new AtomicInteger();
            UntilNextWrite<Long> total = new UntilNextWrite<>(db);
            java.util.function.Supplier<Long> sum = () -> {
                queries.incrementAndGet();
                return db.read(c -> {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT coalesce(sum(n), 0) FROM numbers")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
            };
            assertEquals(0L, total.get(sum));
            assertEquals(0L, total.get(sum));
            assertEquals(1, queries.get(), "read once while nothing is written");
            insert(db, 5);
            assertEquals(5L, total.get(sum));
            assertEquals(2, queries.get());
            // A rolled-back transaction commits nothing: the result stays.
            try {
                db.inTransaction(c -> {
                    insert(c, 100);
                    throw new IllegalStateException("abandoned");
                });
            } catch (IllegalStateException expected) {
                // the insert was rolled back
            }
            assertEquals(5L, total.get(sum));
            assertEquals(2, queries.get());
            // Another instance on the same file shares the commit count (both write the one database).
            DuckDb other = TempDuckDb.in(dir);
            try {
                insert(other, 7);
            } finally {
                other.close();
            }
            assertEquals(12L, total.get(sum));
            assertEquals(3, queries.get());
        } finally {
            db.close();
        }
    }

    private static void insert(DuckDb db, int n) {
        db.inTransaction(c -> {
            insert(c, n);
            return null;
        });
    }

    private static void insert(java.sql.Connection c, int n) throws java.sql.SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO numbers VALUES (" + n + ")");
        }
    }
}
