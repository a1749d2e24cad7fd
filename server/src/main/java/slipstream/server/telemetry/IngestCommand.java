package slipstream.server.telemetry;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slipstream.server.error.SlipstreamException;

/**
 * {@code ./slipstream ingest [--kind results|loop|laps] FILE...}: ingests local files into the data dir's store
 * (each in its own transaction) and prints one line per file: snapshot id, created or existing, rows, seasons.
 * Returns the process exit code: 0 when every file was stored (or already was), 1 otherwise.
 */
public final class IngestCommand {

    private IngestCommand() {}

    public static int run(ApplicationContext context, List<String> args, PrintStream out, PrintStream err) {
        TelemetrySchema kind = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--kind") && i + 1 < args.size()) {
                try {
                    kind = TelemetrySchema.valueOf(args.get(++i).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    err.println("ingest: --kind must be results, loop or laps");
                    return 2;
                }
            } else {
                files.add(Path.of(args.get(i)));
            }
        }
        if (files.isEmpty()) {
            err.println("ingest: name at least one CSV or Parquet file; run ./slipstream --help");
            return 2;
        }
        TelemetryIngest ingest = context.getBean(TelemetryIngest.class);
        int failures = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println(file + ": no such file");
                failures++;
                continue;
            }
            try {
                var r = ingest.ingestLocal(file, kind);
                out.printf("%s  %s  %s  rows=%d seasons=%s parquet=%s%n", r.snapshotId(), file,
                        r.created() ? "created" : "already stored", r.rowCount(), r.seasons(), r.parquetPath());
            } catch (SlipstreamException e) {
                err.println(file + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
