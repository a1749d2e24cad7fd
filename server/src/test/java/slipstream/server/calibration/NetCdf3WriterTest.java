package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slipstream.server.calibration.artifacts.NetCdf3Writer;

/** Our NetCDF-3 files are read back exactly by xarray/netCDF4 (Debian python3-xarray, python3-netcdf4). */
class NetCdf3WriterTest {

    /** Debian's system Python, where .ci/run installs python3-xarray and python3-netcdf4. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    static String python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python failed (needs python3-xarray and python3-netcdf4; .ci/run installs them):\n" + out);
        return out.trim();
    }

    @Test
    void xarrayReadsDoublesIntsDimensionsAndAttributes(@TempDir Path dir) throws Exception {
        int chains = 3;
        int draws = 5;
        int features = 2;
        double[] beta = new double[chains * draws * features];
        for (int i = 0; i < beta.length; i++) {
            beta[i] = i * 0.5 - 3.25;
        }
        int[] depth = new int[chains * draws];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = i % 7;
        }
        Path file = dir.resolve("posterior.nc");
        new NetCdf3Writer().dimension("chain", chains).dimension("draw", draws).dimension("feature", features)
                .globalAttribute("inference_library", "slipstream")
                .variable("beta", beta, Map.of("feature_names", "start,form"), "chain", "draw", "feature")
                .variable("tree_depth", depth, Map.of(), "chain", "draw")
                .write(file);
        String out = python("""
                import xarray as xr, numpy as np
                ds = xr.open_dataset('%s')
                b = ds['beta'].values
                print(b.shape, float(b[2, 4, 1]), float(b.sum()), int(ds['tree_depth'].values[1, 3]),
                      ds['beta'].attrs['feature_names'], ds.attrs['inference_library'])
                """.formatted(file));
        double sum = 0;
        for (double v : beta) {
            sum += v;
        }
        assertEquals("(3, 5, 2) " + beta[(2 * draws + 4) * features + 1] + " " + sum + " " + depth[draws + 3]
                + " start,form slipstream", out);
    }
}
