package slipstream.bench.scoring;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import slipstream.kernels.scoring.Crps;
import slipstream.kernels.scoring.CrpsKernel;
import slipstream.kernels.scoring.CrpsPass;
import slipstream.kernels.scoring.CrpsScratch;
import slipstream.kernels.scoring.PanamaCrpsKernel;
import slipstream.kernels.scoring.ScalarCrpsKernel;
import slipstream.kernels.scoring.PanamaCrpsPass;

/**
 * Ensemble CRPS (standard estimator) of n observations with m = 1000 members each, time per whole batch:
 * <ul>
 *   <li>{@code obviousJava}: copy, {@code Arrays.sort}, one scalar pass (on AVX-512 JDKs Arrays.sort is itself a
 *       SIMD intrinsic, so this baseline is strong);</li>
 *   <li>{@code sortThenPanamaPass}: the same sort, the vectorised sorted pass;</li>
 *   <li>{@code bucketedScalar} / {@code bucketedPanama}: the {@code CrpsKernel} twins (counting sort into
 *       buckets, weighted pass, in-bucket inversion correction; no comparison sort);</li>
 *   <li>{@code crpsEnsembleBatch}: the public batch entry point: the twin VectorSupport picks, in blocks of
 *       1024 observations over every core (the rows above are single-threaded).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CrpsBench {

    @Param({"1000"})
    public int m;

    @Param({"10000", "100000"})
    public int n;

    private double[] members;
    private double[] observations;
    private double[] out;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        members = new double[m * n];
        observations = new double[n];
        for (int i = 0; i < members.length; i++) {
            members[i] = rnd.nextGaussian();
        }
        for (int k = 0; k < n; k++) {
            observations[k] = rnd.nextGaussian();
        }
        out = new double[n];
    }

    @Benchmark
    public double[] obviousJava() {
        double[] x = new double[m];
        for (int k = 0; k < n; k++) {
            System.arraycopy(members, k * m, x, 0, m);
            Arrays.sort(x);
            double y = observations[k];
            double absolute = 0;
            double spread = 0;
            for (int i = 0; i < m; i++) {
                absolute += Math.abs(x[i] - y);
                spread += (2.0 * i + 1 - m) * x[i];
            }
            out[k] = absolute / m - spread / ((double) m * m);
        }
        return out;
    }

    @Benchmark
    public double[] sortThenPanamaPass() {
        double[] sorted = new double[m];
        double[] sums = new double[2];
        CrpsPass pass = new PanamaCrpsPass();
        for (int k = 0; k < n; k++) {
            System.arraycopy(members, k * m, sorted, 0, m);
            Arrays.sort(sorted);
            pass.sums(sorted, m, observations[k], sums);
            out[k] = sums[0] / m - sums[1] / ((double) m * m);
        }
        return out;
    }

    @Benchmark
    public double[] bucketedScalar() {
        return bucketed(new ScalarCrpsKernel());
    }

    @Benchmark
    public double[] bucketedPanama() {
        return bucketed(new PanamaCrpsKernel());
    }

    /** What {@code Crps.ensembleBatch} does, with the twin fixed. */
    private double[] bucketed(CrpsKernel kernel) {
        CrpsScratch scratch = new CrpsScratch(m);
        double[] sums = new double[2];
        for (int k = 0; k < n; k++) {
            kernel.sums(members, k * m, m, observations[k], scratch, sums);
            out[k] = sums[0] / m - sums[1] / ((double) m * m);
        }
        return out;
    }

    @Benchmark
    public double[] crpsEnsembleBatch() {
        Crps.ensembleBatch(members, m, observations, false, out);
        return out;
    }
}
