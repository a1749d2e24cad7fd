package slipstream.server.calibration;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import slipstream.kernels.mcmc.NutsResult;
import slipstream.proto.v1.Artifact;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.EventReliability;
import slipstream.proto.v1.PredictiveCheck;
import slipstream.proto.v1.ReliabilityBin;
import slipstream.server.calibration.artifacts.InferenceDataWriter;
import slipstream.server.calibration.artifacts.SvgChart;
import slipstream.server.store.DuckDb;

/**
 * Writes a calibration's files into {@code <data-dir>/calibrations/<id>/}: ArviZ groups as NetCDF
 * (posterior.nc, sample_stats.nc, observed_data.nc), the draws as Parquet, the result as JSON, and SVG plots
 * (reliability diagram, PIT histogram, posterior predictive checks). Everything is written to a temporary
 * folder first and moved into place in one rename, so a reader never sees a partial calibration.
 */
final class CalibrationArtifacts {

    private CalibrationArtifacts() {}

    static List<Artifact> write(Path dataDir, String id, List<String> names, NutsResult nuts, RaceTable fitted,
                                List<EventReliability> reliability, double[] pit, List<PredictiveCheck> checks,
                                DuckDb db, Map<String, String> attributes) {
        Path root = dataDir.resolve("calibrations");
        Path target = root.resolve(id);
        if (Files.isDirectory(target)) {
            return list(dataDir, target);
        }
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, ".tmp-" + id.substring(0, 12) + "-");
            InferenceDataWriter.write(tmp, names, nuts.draws(), new InferenceDataWriter.SampleStats(nuts.logDensity(),
                    nuts.stepSize(), nuts.treeDepth(), nuts.leapfrogSteps(), nuts.divergent(), nuts.energy(),
                    nuts.acceptStat()), observed(fitted), attributes);
            writeParquet(tmp, names, nuts.draws(), db);
            Files.writeString(tmp.resolve("reliability.svg"), reliabilityChart(reliability));
            Files.writeString(tmp.resolve("pit.svg"), pitChart(pit));
            Files.writeString(tmp.resolve("ppc.svg"), ppcChart(checks));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(tmp); // an identical calibration landed first
            }
            return list(dataDir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write calibration artifacts: " + e.getMessage(), e);
        }
    }

    /** Adds metrics.json (the result without its artifact list) next to the other files. */
    static Artifact writeMetrics(Path dataDir, String id, CalibrationResult result) {
        Path file = dataDir.resolve("calibrations").resolve(id).resolve("metrics.json");
        try {
            if (!Files.exists(file)) {
                Path tmp = file.resolveSibling(".metrics.json.tmp");
                Files.writeString(tmp, JsonFormat.printer().print(result));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return artifact(dataDir, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, double[]> observed(RaceTable table) {
        int n = table.observations();
        double[] finish = new double[n];
        double[] dnf = new double[n];
        double[] led = new double[n];
        int k = 0;
        for (RaceTable.Race r : table.races()) {
            for (int d = 0; d < r.drivers(); d++, k++) {
                finish[k] = r.finish()[d];
                dnf[k] = r.dnf()[d] ? 1 : 0;
                led[k] = r.lapsLed()[d];
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("finish", finish);
        out.put("dnf", dnf);
        out.put("laps_led", led);
        return out;
    }

    private static void writeParquet(Path dir, List<String> names, double[][][] draws, DuckDb db) throws IOException {
        Path csv = dir.resolve(".draws.csv");
        StringBuilder b = new StringBuilder("chain,draw,parameter,value\n");
        for (int c = 0; c < draws.length; c++) {
            for (int i = 0; i < draws[c].length; i++) {
                for (int j = 0; j < names.size(); j++) {
                    b.append(c).append(',').append(i).append(",\"").append(names.get(j)).append("\",")
                            .append(draws[c][i][j]).append('\n');
                }
            }
        }
        Files.writeString(csv, b);
        Path parquet = dir.resolve("draws.parquet");
        db.read(conn -> {
            try (Statement st = conn.createStatement()) {
                st.execute("COPY (SELECT * FROM read_csv('" + csv.toString().replace("'", "''")
                        + "', header = true, columns = {'chain': 'INTEGER', 'draw': 'INTEGER', 'parameter': 'VARCHAR', "
                        + "'value': 'DOUBLE'})) TO '" + parquet.toString().replace("'", "''") + "' (FORMAT PARQUET)");
            }
            return null;
        });
        Files.delete(csv);
    }

    private static String reliabilityChart(List<EventReliability> events) {
        SvgChart chart = new SvgChart("Reliability on held-out races (raw forecasts)", "forecast probability",
                "observed frequency", 0, 1, 0, 1);
        chart.line(new double[] {0, 1}, new double[] {0, 1}, "#999999", true, null);
        String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
        for (int e = 0; e < events.size(); e++) {
            List<ReliabilityBin> bins = events.get(e).getBinsList();
            double[] x = bins.stream().mapToDouble(ReliabilityBin::getMeanForecast).toArray();
            double[] y = bins.stream().mapToDouble(ReliabilityBin::getObservedFrequency).toArray();
            double[] w = bins.stream().mapToDouble(ReliabilityBin::getCount).toArray();
            String colour = colours[e % colours.length];
            chart.line(x, y, colour, false, w);
            chart.legend(e, colour, String.format(Locale.ROOT, "%s (ECE %.3f)", events.get(e).getEvent(), events.get(e).getEce()));
        }
        return chart.render();
    }

    private static String pitChart(double[] pit) {
        int bins = 20;
        double[] counts = new double[bins];
        for (double u : pit) {
            counts[Math.min(bins - 1, (int) (u * bins))]++;
        }
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        double expected = pit.length / (double) bins;
        SvgChart chart = new SvgChart("Randomised PIT of finishing position (uniform if calibrated)", "PIT", "count",
                0, 1, 0, Math.max(max, expected) * 1.15);
        for (int b = 0; b < bins; b++) {
            chart.bar(b / (double) bins, (b + 1) / (double) bins, counts[b], "#4c78a8");
        }
        chart.line(new double[] {0, 1}, new double[] {expected, expected}, "#d62728", true, null);
        return chart.render();
    }

    private static String ppcChart(List<PredictiveCheck> checks) {
        SvgChart chart = new SvgChart("Posterior predictive checks: observed (red) vs replicated 90% interval",
                "statistic (scaled to its replicated 90% interval)", "", -0.5, 1.5, 0, checks.size() + 1);
        for (int i = 0; i < checks.size(); i++) {
            PredictiveCheck c = checks.get(i);
            double lo = c.getReplicatedQ5();
            double span = Math.max(1e-9, c.getReplicatedQ95() - lo);
            double y = checks.size() - i;
            chart.line(new double[] {0, 1}, new double[] {y, y}, "#4c78a8", false, null);
            double obs = (c.getObserved() - lo) / span;
            chart.line(new double[] {obs, obs}, new double[] {y - 0.25, y + 0.25}, "#d62728", false, null);
            chart.legend(i, "#4c78a8", String.format(Locale.ROOT, "%s: observed %.3f, replicated [%.3f, %.3f], p=%.2f",
                    c.getStatistic(), c.getObserved(), c.getReplicatedQ5(), c.getReplicatedQ95(), c.getPValue()));
        }
        return chart.render();
    }

    private static List<Artifact> list(Path dataDir, Path dir) {
        String[][] kinds = {{"posterior.nc", "posterior_netcdf"}, {"sample_stats.nc", "sample_stats_netcdf"},
                {"observed_data.nc", "observed_data_netcdf"}, {"draws.parquet", "draws_parquet"},
                {"reliability.svg", "reliability_svg"}, {"pit.svg", "pit_svg"}, {"ppc.svg", "ppc_svg"}};
        List<Artifact> out = new ArrayList<>();
        for (String[] k : kinds) {
            out.add(artifact(dataDir, dir.resolve(k[0])).toBuilder().setKind(k[1]).build());
        }
        return out;
    }

    private static Artifact artifact(Path dataDir, Path file) {
        try {
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
            String name = file.getFileName().toString();
            return Artifact.newBuilder().setKind(name.replace('.', '_')).setPath(dataDir.relativize(file).toString())
                    .setSha256(sha).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** SHA-256 over the canonical request, the data lineage and the exact bits of every posterior draw. */
    static String contentId(String canonicalRequest, List<String> lineage, double[][][] draws) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update((canonicalRequest + "|" + String.join(",", lineage) + "|").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
            for (double[][] chain : draws) {
                for (double[] draw : chain) {
                    for (double v : draw) {
                        buffer.clear();
                        sha.update(buffer.putDouble(v).array());
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
