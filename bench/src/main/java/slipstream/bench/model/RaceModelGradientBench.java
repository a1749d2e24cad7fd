package slipstream.bench.model;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import slipstream.kernels.model.PanamaRaceLikelihood;
import slipstream.kernels.model.RaceModelData;
import slipstream.kernels.model.RaceModelDensity;
import slipstream.kernels.model.ScalarRaceLikelihood;

/**
 * Race-model log density + full analytic gradient per second, Panama twin vs scalar twin, on a realistic size:
 * 8 seasons x 36 races x 38 drivers (10,944 entries), F = 6, G = 2, ~10% DNFs, laps led on every race.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RaceModelGradientBench {
    private static final int RACES = 8 * 36;
    private static final int DRIVERS = 38;
    private static final int F = 6;
    private static final int G = 2;

    @Param({"panama", "scalar"})
    public String twin;

    private RaceModelDensity density;
    private double[] position;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        RaceModelData.Builder builder = RaceModelData.builder(F, G);
        for (int r = 0; r < RACES; r++) {
            double[][] x = new double[DRIVERS][F];
            double[][] w = new double[DRIVERS][G];
            boolean[] dnf = new boolean[DRIVERS];
            int[] laps = new int[DRIVERS];
            int dnfs = rnd.nextInt(7);
            for (int i = 0; i < DRIVERS; i++) {
                for (int f = 0; f < F; f++) {
                    x[i][f] = rnd.nextDouble() * 3.4 - 1.7;
                }
                for (int g = 0; g < G; g++) {
                    w[i][g] = rnd.nextDouble() * 3.4 - 1.7;
                }
                dnf[i] = i >= DRIVERS - dnfs;
                laps[i] = i < 6 ? rnd.nextInt(80) : 0;
            }
            builder.addRace(r % 4, x, w, dnf, laps);
        }
        RaceModelData data = builder.build();
        density = new RaceModelDensity("panama".equals(twin) ? new PanamaRaceLikelihood(data)
                : new ScalarRaceLikelihood(data));
        position = new double[density.dimension()];
        for (int i = 0; i < position.length; i++) {
            position[i] = rnd.nextDouble() - 0.5;
        }
        gradient = new double[density.dimension()];
    }

    @Benchmark
    public double logDensityAndGradient() {
        double lp = density.logDensity(position, gradient);
        return lp + gradient[0];
    }
}
