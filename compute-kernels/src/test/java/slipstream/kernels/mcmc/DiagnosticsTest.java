package slipstream.kernels.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our diagnostics equal R's posterior 1.4.0 (Debian r-cran-posterior) on fixed draws to 1e-6 relative.
 * Fixtures: bench/scripts/mcmc/make_diagnostics_fixtures.R.
 */
class DiagnosticsTest {

    static List<String> variables() throws IOException {
        return new ArrayList<>(reference().keySet());
    }

    static Map<String, Map<String, Double>> reference() throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<String[]> rows = csv("mcmc/diagnostics_posterior_1.4.0.csv");
        String[] header = rows.get(0);
        for (String[] r : rows.subList(1, rows.size())) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 1; i < header.length; i++) {
                values.put(header[i], Double.parseDouble(r[i]));
            }
            out.put(r[0], values);
        }
        return out;
    }

    static double[][] draws(String variable) throws IOException {
        Map<Integer, List<Double>> chains = new TreeMap<>();
        List<String[]> rows = csv("mcmc/diagnostics_draws.csv");
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[0].equals(variable)) {
                chains.computeIfAbsent(Integer.parseInt(r[1]), k -> new ArrayList<>()).add(Double.parseDouble(r[3]));
            }
        }
        return chains.values().stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    private static List<String[]> csv(String resource) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DiagnosticsTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return in.lines().map(l -> l.split(",")).toList();
        }
    }

    private static void close(double expected, double actual, String what) {
        double tolerance = 1e-6 * Math.max(Math.abs(expected), 1e-12);
        assertEquals(expected, actual, expected == 0 ? 1e-15 : tolerance, what);
    }

    @ParameterizedTest
    @MethodSource("variables")
    void equalsRPosterior(String variable) throws IOException {
        Map<String, Double> ref = reference().get(variable);
        double[][] x = draws(variable);
        close(ref.get("rhat"), Diagnostics.rhat(x), variable + " rhat");
        close(ref.get("ess_bulk"), Diagnostics.essBulk(x), variable + " ess_bulk");
        close(ref.get("ess_tail"), Diagnostics.essTail(x), variable + " ess_tail");
        close(ref.get("ess_mean"), Diagnostics.essMean(x), variable + " ess_mean");
        close(ref.get("mcse_mean"), Diagnostics.mcseMean(x), variable + " mcse_mean");
        close(ref.get("mcse_q5"), Diagnostics.mcseQuantile(x, 0.05), variable + " mcse_q5");
        close(ref.get("mcse_q50"), Diagnostics.mcseQuantile(x, 0.5), variable + " mcse_q50");
    }
}
