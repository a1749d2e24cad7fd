package slipstream.server.store;

import java.util.function.Supplier;

/**
 * A small query's result, reused until the next transaction commits ({@link DuckDb#commits}): every write goes
 * through {@link DuckDb#inTransaction}, so a result read at an unchanged count is current. For the lookups every
 * Optimize call makes (the active calibration, the newest telemetry), each a DuckDB round trip of 1-2 ms.
 */
public final class UntilNextWrite<T> {
    private record Read<T>(long commits, T value) {}

    private final DuckDb db;
    private volatile Read<T> last;

    public UntilNextWrite(DuckDb db) {
        this.db = db;
    }

    public T get(Supplier<T> query) {
        // The count is taken before the query: a write that lands during it moves the count, so its result is
        // read again next time rather than kept under the newer count.
        long commits = db.commits();
        Read<T> read = last;
        if (read != null && read.commits() == commits) {
            return read.value();
        }
        T value = query.get();
        last = new Read<>(commits, value);
        return value;
    }
}
