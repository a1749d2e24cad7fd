import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.store.DuckDb;
import slipstream.server.telemetry.DataRoot;
import slipstream.server.telemetry.FeatureService;
import slipstream.server.telemetry.TelemetryIngest;
import slipstream.server.telemetry.TelemetrySchema;
import slipstream.server.telemetry.TelemetryStore;

/**
 * Telemetry timing (not a unit test; run by bench/telemetry/run.sh): per round, a fresh DuckDB store ingests the
 * 2015-2023 Cup results and the 2019-2023 loop data, then computes the 9-season dataset and materialises the
 * feature snapshot. The first round warms the JIT and is not counted. Usage: TelemetryBench NASCAR_DIR ROUNDS
 */
public class TelemetryBench {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Double> results = new ArrayList<>(), loop = new ArrayList<>(), dataset = new ArrayList<>(), build = new ArrayList<>();
        long resultRows = 0, loopRows = 0, featureRows = 0;
        for (int r = 0; r <= rounds; r++) {
            Path dir = Files.createTempDirectory("telemetry-bench-");
            SlipstreamConfig config = new SlipstreamConfig();
            config.setDataDir(dir.toString());
            DuckDb db = new DuckDb(config);
            DataRoot root = new DataRoot(config, "");
            TelemetryStore store = new TelemetryStore(db, root);
            TelemetryIngest ingest = new TelemetryIngest(store, root);
            FeatureService features = new FeatureService(db, root, store);
            long t0 = System.nanoTime();
            resultRows = ingest.ingestLocal(src.resolve("cup_results_2015_2023_model_ready.csv"), TelemetrySchema.RESULTS).rowCount();
            long t1 = System.nanoTime();
            loopRows = ingest.ingestLocal(src.resolve("cup_loop_data_2019_2023.csv"), TelemetrySchema.LOOP).rowCount();
            long t2 = System.nanoTime();
            featureRows = features.dataset(2015, 2023, Set.of()).rows().size();
            long t3 = System.nanoTime();
            features.build(List.of(), 2015, 2023);
            long t4 = System.nanoTime();
            if (r > 0) {
                results.add((t1 - t0) / 1e6); loop.add((t2 - t1) / 1e6); dataset.add((t3 - t2) / 1e6); build.add((t4 - t3) / 1e6);
            }
            Method close = DuckDb.class.getDeclaredMethod("close");
            close.setAccessible(true);
            close.invoke(db);
        }
        System.out.printf("rounds=%d (after 1 warm-up)%n", rounds);
        report("ingest results 2015-2023", results, resultRows);
        report("ingest loop 2019-2023", loop, loopRows);
        report("dataset 2015-2023 (39 features)", dataset, featureRows);
        report("BuildFeatures 2015-2023 (materialise + Parquet)", build, featureRows);
    }

    static void report(String what, List<Double> ms, long rows) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        double median = s.get(s.size() / 2);
        System.out.printf("%-50s rows=%6d  median %8.1f ms  min %8.1f ms  max %8.1f ms  -> %,.0f rows/s (median)%n",
                what, rows, median, s.get(0), s.get(s.size() - 1), rows / (median / 1000));
    }
}
