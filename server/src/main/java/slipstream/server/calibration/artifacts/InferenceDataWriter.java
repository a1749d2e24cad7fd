package slipstream.server.calibration.artifacts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a posterior as ArviZ InferenceData groups, one NetCDF-3 file per group (NetCDF-3 has no groups):
 * {@code posterior.nc} (parameters, dims chain x draw x index), {@code sample_stats.nc} (lp, step_size,
 * tree_depth, n_steps, diverging, energy, acceptance_rate) and {@code observed_data.nc}. Python users load it
 * in one line:
 * <pre>
 * idata = az.InferenceData(**{g: xr.open_dataset(f"{d}/{g}.nc") for g in ("posterior", "sample_stats", "observed_data")})
 * </pre>
 * Parameters named {@code base[label]} are grouped into one variable {@code base} with a dimension
 * {@code base_dim_0}; the labels are kept in the variable's {@code labels} attribute (comma-separated).
 */
public final class InferenceDataWriter {

    private InferenceDataWriter() {}

    /** Per-draw sampler statistics, each [chain][draw]. */
    public record SampleStats(double[][] lp, double[][] stepSize, int[][] treeDepth, int[][] nSteps,
                              int[][] diverging, double[][] energy, double[][] acceptanceRate) {}

    /** Writes the three groups into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, List<String> parameterNames, double[][][] draws, SampleStats stats,
                                   Map<String, double[]> observed, Map<String, String> attributes) throws IOException {
        int chains = draws.length;
        int n = draws[0].length;
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (int j = 0; j < parameterNames.size(); j++) {
            String name = parameterNames.get(j);
            int bracket = name.indexOf('[');
            String base = bracket < 0 ? name : name.substring(0, bracket);
            String label = bracket < 0 ? "" : name.substring(bracket + 1, name.length() - 1);
            groups.computeIfAbsent(base, k -> new ArrayList<>()).add(j);
            labels.computeIfAbsent(base, k -> new ArrayList<>()).add(label);
        }
        NetCdf3Writer posterior = new NetCdf3Writer().dimension("chain", chains).dimension("draw", n);
        attributes.forEach(posterior::globalAttribute);
        for (var g : groups.entrySet()) {
            List<Integer> idx = g.getValue();
            boolean scalar = idx.size() == 1 && labels.get(g.getKey()).get(0).isEmpty();
            double[] values = new double[chains * n * idx.size()];
            int k = 0;
            for (double[][] chain : draws) {
                for (double[] draw : chain) {
                    for (int j : idx) {
                        values[k++] = draw[j];
                    }
                }
            }
            if (scalar) {
                posterior.variable(g.getKey(), values, Map.of(), "chain", "draw");
            } else {
                String dim = g.getKey() + "_dim_0";
                posterior.dimension(dim, idx.size());
                posterior.variable(g.getKey(), values, Map.of("labels", String.join(",", labels.get(g.getKey()))),
                        "chain", "draw", dim);
            }
        }
        Path posteriorFile = dir.resolve("posterior.nc");
        posterior.write(posteriorFile);

        NetCdf3Writer sample = new NetCdf3Writer().dimension("chain", chains).dimension("draw", n);
        attributes.forEach(sample::globalAttribute);
        sample.variable("lp", flat(stats.lp()), Map.of(), "chain", "draw")
                .variable("step_size", flat(stats.stepSize()), Map.of(), "chain", "draw")
                .variable("tree_depth", flat(stats.treeDepth()), Map.of(), "chain", "draw")
                .variable("n_steps", flat(stats.nSteps()), Map.of(), "chain", "draw")
                .variable("diverging", flat(stats.diverging()), Map.of(), "chain", "draw")
                .variable("energy", flat(stats.energy()), Map.of(), "chain", "draw")
                .variable("acceptance_rate", flat(stats.acceptanceRate()), Map.of(), "chain", "draw");
        Path statsFile = dir.resolve("sample_stats.nc");
        sample.write(statsFile);

        NetCdf3Writer obs = new NetCdf3Writer();
        attributes.forEach(obs::globalAttribute);
        for (var o : observed.entrySet()) {
            String dim = o.getKey() + "_dim_0";
            obs.dimension(dim, Math.max(1, o.getValue().length));
            obs.variable(o.getKey(), o.getValue().length == 0 ? new double[1] : o.getValue(), Map.of(), dim);
        }
        Path observedFile = dir.resolve("observed_data.nc");
        obs.write(observedFile);
        return List.of(posteriorFile, statsFile, observedFile);
    }

    private static double[] flat(double[][] x) {
        int n = x[0].length;
        double[] out = new double[x.length * n];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(x[c], 0, out, c * n, n);
        }
        return out;
    }

    private static int[] flat(int[][] x) {
        int n = x[0].length;
        int[] out = new int[x.length * n];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(x[c], 0, out, c * n, n);
        }
        return out;
    }
}
