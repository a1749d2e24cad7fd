package slipstream.server.telemetry;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, when the store holds no telemetry, ingests the bundled demo telemetry ({@code data/telemetry}:
 * Cup results 2022-2023 and their loop data; see data/NOTICE), so the demo server has features to serve.
 * The folder is {@code slipstream.telemetry.demo-dir} if set, else {@code data/telemetry} of the checkout the
 * server runs from (found from the server's classes), else {@code ./data/telemetry}. Set
 * {@code slipstream.telemetry.load-demo=false} to start empty.
 */
@Context
public class DemoTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTelemetry.class);
    /** Ingest order: results before the loop data that refers to their races. */
    static final List<String> FILES = List.of("cup_results_2022_2023.csv", "cup_loop_2022_2023.csv");

    public DemoTelemetry(TelemetryStore store, TelemetryIngest ingest,
                         @Value("${slipstream.telemetry.load-demo:true}") boolean load,
                         @Value("${slipstream.telemetry.demo-dir:}") String demoDir) {
        if (!load || !store.isEmpty()) {
            return;
        }
        Optional<Path> dir = locate(demoDir);
        if (dir.isEmpty()) {
            LOG.warn("no bundled demo telemetry found (data/telemetry); the server starts without telemetry");
            return;
        }
        long started = System.nanoTime();
        long rows = 0;
        for (String name : FILES) {
            Path file = dir.get().resolve(name);
            if (Files.isRegularFile(file)) {
                rows += ingest.ingestLocal(file, null).rowCount();
            }
        }
        LOG.info("loaded the demo telemetry from {} ({} rows) in {} ms", dir.get(), rows,
                (System.nanoTime() - started) / 1_000_000);
    }

    static Optional<Path> locate(String configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        codeCheckout().ifPresent(root -> candidates.add(root.resolve("data").resolve("telemetry")));
        candidates.add(Path.of("data", "telemetry"));
        candidates.add(Path.of("..", "data", "telemetry"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(FILES.get(0)))).findFirst()
                .map(p -> p.toAbsolutePath().normalize());
    }

    /** The checkout holding the server's classes: server/target/classes or server/target/server.jar, 3 up. */
    private static Optional<Path> codeCheckout() {
        try {
            var source = DemoTelemetry.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
            return Stream.iterate(p, x -> x != null, Path::getParent).skip(3).findFirst();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
