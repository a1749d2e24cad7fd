package slipstream.server.support;

import java.nio.file.Path;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.store.DuckDb;

/** A real DuckDB file under a test's own directory, as the server opens one under its data dir. */
public final class TempDuckDb {
    private TempDuckDb() {}

    public static DuckDb in(Path dir) {
        SlipstreamConfig config = new SlipstreamConfig();
        config.setDataDir(dir.toString());
        return new DuckDb(config);
    }
}
