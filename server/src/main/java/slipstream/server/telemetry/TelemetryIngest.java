package slipstream.server.telemetry;

import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;

/**
 * Ingest as clients ask for it: a path confined to the {@link DataRoot} (gRPC), or a local file named by
 * the operator on the command line (kind guessed from the header when not given).
 */
@Singleton
public class TelemetryIngest {

    public static final int MAX_REPORTED_ERRORS = 1000;

    private final TelemetryStore store;
    private final DataRoot root;

    public TelemetryIngest(TelemetryStore store, DataRoot root) {
        this.store = store;
        this.root = root;
    }

    /**
     * Ingests a client-named file. {@code kind} null means the request did not name a valid kind.
     *
     * @param maxReportedErrors 0 means {@link TelemetryStore#DEFAULT_REPORTED_ERRORS}; range 0..1000
     */
    public TelemetryStore.IngestResult ingest(String path, TelemetrySchema kind, int maxReportedErrors) {
        List<FieldViolation> bad = new ArrayList<>();
        if (kind == null) {
            bad.add(new FieldViolation("kind", "is required: TELEMETRY_KIND_RESULTS, TELEMETRY_KIND_LOOP or "
                    + "TELEMETRY_KIND_LAPS"));
        }
        if (maxReportedErrors < 0 || maxReportedErrors > MAX_REPORTED_ERRORS) {
            bad.add(new FieldViolation("max_reported_errors", "must be 0.." + MAX_REPORTED_ERRORS + " (0 means "
                    + TelemetryStore.DEFAULT_REPORTED_ERRORS + "), is " + maxReportedErrors));
        }
        if (path == null || path.isBlank()) {
            bad.add(new FieldViolation("path", "is required: a CSV or Parquet file path relative to the data root"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        Path file = root.resolve("path", path);
        return store.ingest(file, kind,
                maxReportedErrors == 0 ? TelemetryStore.DEFAULT_REPORTED_ERRORS : maxReportedErrors);
    }

    /** Ingests an operator's local file; a null kind is guessed from the file's columns. */
    public TelemetryStore.IngestResult ingestLocal(Path file, TelemetrySchema kind) {
        TelemetrySchema k = kind != null ? kind : TelemetrySchema.detect(store.header(file)).orElseThrow(() ->
                InvalidArgumentException.of("path", "cannot tell the kind of '" + file.getFileName()
                        + "' from its columns; pass --kind results|loop|laps"));
        return store.ingest(file.toAbsolutePath(), k, TelemetryStore.DEFAULT_REPORTED_ERRORS);
    }
}
