package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slipstream.server.calibration.artifacts.NetCdf3Writer;
import slipstream.server.support.SystemPython;

/** Our NetCDF-3 files are read back exactly by xarray/netCDF4 (Debian python3-xarray, python3-netcdf4). */
class NetCdf3WriterTest {

    /** Runs a script on the system Python, which has python3-xarray and python3-netcdf4. */
    static String python(String script) throws IOException, InterruptedException {
        return SystemPython.run("-c", script);
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

    /** The same content gives the same bytes whatever order the attributes come in (Map.of has none). */
    @Test
    void attributeOrderDoesNotChangeTheBytes(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.nc");
        Path second = dir.resolve("second.nc");
        write(first, List.of("a", "b", "c"));
        write(second, List.of("c", "a", "b"));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    private static void write(Path file, List<String> order) throws IOException {
        NetCdf3Writer writer = new NetCdf3Writer().dimension("draw", 2);
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (String name : order) {
            writer.globalAttribute(name, "value " + name);
            attributes.put("unit_" + name, name);
        }
        writer.variable("x", new double[] {1.5, -2.0}, attributes, "draw").write(file);
    }
}
