package slipstream.bench.race;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import slipstream.kernels.model.RaceModelData;
import slipstream.kernels.race.ArchetypeChaos;
import slipstream.kernels.race.LineupEvaluator;
import slipstream.kernels.race.PanamaLineupEvaluator;
import slipstream.kernels.race.RaceInputs;
import slipstream.kernels.race.RaceOutputs;
import slipstream.kernels.race.RaceSimulator;
import slipstream.kernels.race.ScalarLineupEvaluator;
import slipstream.kernels.race.ScoringTable;
import slipstream.kernels.rng.PanamaRandomFill;
import slipstream.kernels.rng.RandomFill;
import slipstream.kernels.rng.RandomStream;
import slipstream.kernels.rng.ScalarRandomFill;

/**
 * Race kernels: {@code simulate} runs 40 drivers x 100,000 scenarios including DFS scoring (intermediate chaos,
 * 4 posterior draws, 12% DNF), with the scalar or Panama random-fill twin, on 1 or 2 threads (batches of 2,000
 * scenarios). {@code scoreLineups} scores 500 six-driver lineups over 10,000 scenarios with either evaluator twin;
 * {@code markLineups} scores the same lineups and marks where each beats a per-scenario threshold (TAIL_UPSIDE's
 * candidate bits), without writing the scores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class RaceBench {

    static final int N = 40;
    static final int S = 100_000;
    static final int LINEUP_S = 10_000;
    static final int LINEUPS = 500;

    @Param({"scalar", "panama"})
    public String twin;

    @Param({"1", "2"})
    public int threads;

    /** "fitted": the archetype's lead hold and brief leads; "none": every stint drawn afresh (the earlier rule). */
    @Param({"fitted", "none"})
    public String leadSpells;

    RaceInputs inputs;
    RaceOutputs outputs;
    RaceSimulator simulator;
    ExecutorService pool;
    LineupEvaluator evaluator;
    double[] points;
    int[] lineups;
    double[] lineupOut;
    double[] threshold;
    long[] marks;

    @Setup(Level.Trial)
    public void setUp() {
        int draws = 4;
        double[] eta = new double[draws * N];
        double[] p = new double[draws * N];
        for (int r = 0; r < draws; r++) {
            for (int d = 0; d < N; d++) {
                eta[r * N + d] = 1.2 - 2.4 * d / (N - 1) + 0.05 * r;
                p[r * N + d] = 0.12;
            }
        }
        int[] start = new int[N];
        int[] team = new int[N];
        for (int d = 0; d < N; d++) {
            start[d] = d + 1;
            team[d] = d % 13;
        }
        ArchetypeChaos c = ArchetypeChaos.INTERMEDIATE;
        ArchetypeChaos chaos = "none".equals(leadSpells) ? new ArchetypeChaos(c.logitMu(), c.logitSigma(),
                c.dnfPerChaos(), c.strengthNoisePerChaos(), c.teamSd(), c.frontBonus(), 0, 0, c.fastestLapTemper()) : c;
        inputs = new RaceInputs(N, S, draws, eta, p, new double[] {1, 1.1, 0.9, 1}, new double[] {2.4, 2.6, 2.2, 2.5},
                RaceModelData.DEFAULT_TOP_PLACES, start, team, 267, chaos, 2024L, ScoringTable.DRAFTKINGS_CLASSIC);
        outputs = RaceOutputs.allocate(N, S);
        RandomFill fill = "panama".equals(twin) ? new PanamaRandomFill() : new ScalarRandomFill();
        simulator = new RaceSimulator(fill);
        pool = Executors.newFixedThreadPool(threads);
        evaluator = "panama".equals(twin) ? new PanamaLineupEvaluator() : new ScalarLineupEvaluator();
        points = new double[N * LINEUP_S];
        RandomStream rs = new RandomStream(3L, 99, 0);
        for (int i = 0; i < points.length; i++) {
            points[i] = Math.floor(rs.uniform(i) * 70);
        }
        lineups = new int[LINEUPS * 6];
        for (int i = 0; i < lineups.length; i++) {
            lineups[i] = (int) (rs.uniform(10_000_000 + i) * N);
        }
        lineupOut = new double[LINEUPS * LINEUP_S];
        threshold = new double[LINEUP_S];
        for (int s = 0; s < LINEUP_S; s++) {
            threshold[s] = 250 + s % 50; // about one lineup-scenario in ten beats it
        }
        marks = new long[LINEUPS * ((LINEUP_S + 63) / 64)];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** 40 drivers x 100,000 scenarios including scoring. */
    @Benchmark
    public int simulate() {
        if (threads == 1) {
            simulator.simulate(inputs, 0, S, outputs);
        } else {
            simulator.simulateParallel(inputs, outputs, pool, 2_000);
        }
        return outputs.finish()[12345];
    }

    /** 500 lineups x 10,000 scenarios (5,000,000 lineup-scenarios), one thread. */
    @Benchmark
    public double scoreLineups() {
        evaluator.score(points, LINEUP_S, 0, LINEUP_S, lineups, 6, 0, LINEUPS, lineupOut);
        return lineupOut[777];
    }

    /** The same lineups scored and marked against the thresholds, one thread. */
    @Benchmark
    public long markLineups() {
        java.util.Arrays.fill(marks, 0);
        evaluator.markAbove(points, LINEUP_S, 0, LINEUP_S, lineups, 6, 0, LINEUPS, threshold, marks);
        return marks[777];
    }
}
