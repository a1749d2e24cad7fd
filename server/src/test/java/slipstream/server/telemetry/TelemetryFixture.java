package slipstream.server.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.store.DuckDb;
import slipstream.server.support.TestServer;

/** A DuckDB store with telemetry and features in a fresh temp data root, without Micronaut. */
final class TelemetryFixture implements AutoCloseable {

    final Path dataDir;
    final DuckDb db;
    final DataRoot root;
    final TelemetryStore store;
    final TelemetryIngest ingest;
    final FeatureService features;

    TelemetryFixture() {
        this(FeatureSql.STANDARD);
    }

    TelemetryFixture(FeatureSql sql) {
        try {
            dataDir = Files.createTempDirectory("slipstream-telemetry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SlipstreamConfig config = new SlipstreamConfig();
        config.setDataDir(dataDir.toString());
        db = new DuckDb(config);
        root = new DataRoot(dataDir);
        store = new TelemetryStore(db, root);
        ingest = new TelemetryIngest(store, root);
        features = new FeatureService(db, root, sql);
    }

    /** The committed data/telemetry folder of this checkout. */
    static Path bundled() {
        return DemoTelemetry.locate("").orElseThrow(() -> new AssertionError("data/telemetry not found"));
    }

    static Path bundled(String name) {
        return bundled().resolve(name);
    }

    /** Copies a file into the data root (gRPC-style ingest only reads there); returns its relative name. */
    String copyIn(Path file, String name) {
        try {
            Files.copy(file, dataDir.resolve(name));
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(String name, String content) {
        try {
            Files.writeString(dataDir.resolve(name), content);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void loadBundled() {
        ingest.ingestLocal(bundled(DemoTelemetry.FILES.get(0)), TelemetrySchema.RESULTS);
        ingest.ingestLocal(bundled(DemoTelemetry.FILES.get(1)), TelemetrySchema.LOOP);
    }

    long count(String sql) {
        return db.read(c -> TelemetryStore.count(c, sql));
    }

    @Override
    public void close() {
        try {
            // DuckDb.close() is the container's @PreDestroy hook (package-private); tests call it the same way.
            Method close = DuckDb.class.getDeclaredMethod("close");
            close.setAccessible(true);
            close.invoke(db);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }
}
