package slipstream.bench.portfolio;

import java.util.List;
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
import slipstream.kernels.portfolio.CandidateGenerator;
import slipstream.kernels.portfolio.CandidateSet;
import slipstream.kernels.portfolio.ContestField;
import slipstream.kernels.race.LineupEvaluator;
import slipstream.kernels.portfolio.LineupScorer;
import slipstream.kernels.portfolio.LineupSearch;
import slipstream.kernels.portfolio.MarginalObjective;
import slipstream.kernels.portfolio.Objectives;
import slipstream.kernels.portfolio.OpponentField;
import slipstream.kernels.portfolio.Ownership;
import slipstream.kernels.portfolio.PayoutTable;
import slipstream.kernels.portfolio.PortfolioConstraints;
import slipstream.kernels.portfolio.PortfolioSelection;
import slipstream.kernels.portfolio.PortfolioSelector;
import slipstream.kernels.portfolio.RandomSource;
import slipstream.kernels.portfolio.RunControl;
import slipstream.kernels.portfolio.SlateRules;
import slipstream.kernels.portfolio.VetoGroup;

/**
 * Portfolio kernels on a synthetic DraftKings-shaped slate (salaries 4,500..11,500, points with a driver strength,
 * per-scenario chaos, team shocks and a dominator bonus):
 * <ul>
 *   <li>{@code bestLineup}: exact best lineup by mean points (branch and bound), 36 and 40 drivers;</li>
 *   <li>{@code portfolio150}: 150 lineups from 10,000 scenarios per objective: candidate generation (default
 *       settings, at most 3,000 candidates), scoring candidates x scenarios, objective set-up and greedy selection
 *       with a 50% exposure cap and 2 unique drivers. The field (2,000 simulated opponents for a 10,000-entry
 *       contest) is built once in set-up; {@code contestField} times that separately.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class PortfolioBench {
    private static final int S = 10_000;

    @Param({"36", "40"})
    public int drivers;

    @Param({"MEAN_POINTS", "TAIL_UPSIDE", "TOURNAMENT_EQUITY", "CVAR"})
    public String objective;

    private SlateRules rules;
    private double[] points;
    private double[] means;
    private LineupSearch search;
    private OpponentField opponents;
    private ContestField field;
    private long[] mask = new long[1];
    private double[] value = new double[1];

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int[] salary = new int[drivers];
        int[] team = new int[drivers];
        for (int i = 0; i < drivers; i++) {
            salary[i] = 4500 + 100 * rnd.nextInt(71);
            team[i] = i % 12;
        }
        rules = new SlateRules(salary, team, 6, 50_000, 0, 0, 0, 0, List.of(VetoGroup.notTogether("v", 0, 1)));
        points = points(salary, team, S, 7);
        means = new double[drivers];
        CandidateGenerator.driverMeans(points, drivers, S, means);
        search = new LineupSearch(rules);
        double[] own = Ownership.defaultFrom(means, salary, rules.forField(0).eligible(), 6);
        opponents = OpponentField.sample(rules.forField(0), own, 2000, RandomSource.mixing(3), 100, RunControl.none());
        field = contestField();
    }

    static double[] points(int[] salary, int[] team, int scenarios, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = salary.length;
        double[] p = new double[n * scenarios];
        double[] shock = new double[12];
        for (int s = 0; s < scenarios; s++) {
            double chaos = rnd.nextGaussian();
            for (int t = 0; t < 12; t++) {
                shock[t] = rnd.nextGaussian();
            }
            int dominator = rnd.nextInt(n);
            for (int d = 0; d < n; d++) {
                double x = 35 + (salary[d] - 8000) / 400.0 + (4 + (d % 5) * 2.5) * rnd.nextGaussian()
                        + 3 * chaos * ((d % 3) - 1) + 3 * shock[team[d]];
                if (d == dominator && rnd.nextDouble() < 0.6) {
                    x += 25 + 20 * rnd.nextDouble();
                }
                p[d * scenarios + s] = Math.rint(x * 20) / 20;
            }
        }
        return p;
    }

    @Benchmark
    public long bestLineup() {
        search.solve(means, 0, 0, 1, mask, value, RunControl.none());
        return mask[0];
    }

    @Benchmark
    public ContestField contestField() {
        return ContestField.simulate(points, S, opponents, PayoutTable.defaultTable(10_000, 1, 0.15), 150,
                LineupEvaluator.get(), RunControl.none());
    }

    @Benchmark
    public PortfolioSelection portfolio150() {
        PortfolioConstraints limits = PortfolioConstraints.fromExposures(150, drivers, 0.5, null, null, null, 2);
        CandidateSet c = CandidateGenerator.generate(rules, points, S, CandidateGenerator.Settings.defaults(), limits,
                RandomSource.mixing(5), RunControl.none());
        double[] scores = new double[c.count() * S];
        LineupScorer.scalar().scoreAll(points, S, c.lineups(), 6, c.count(), scores);
        double[] candMeans = Objectives.means(scores, c.count(), S);
        MarginalObjective o = switch (objective) {
            case "MEAN_POINTS" -> Objectives.modular(candMeans);
            case "CVAR" -> Objectives.modular(Objectives.cvars(scores, c.count(), S, 0.95, LineupEvaluator.get(),
                    RunControl.none()));
            case "TAIL_UPSIDE" -> Objectives.tailUpside(scores, c.count(), S, field.thresholds(0.01));
            default -> {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = ContestField.quantize(scores[i]);
                }
                yield Objectives.tournamentEquity(scores, c.count(), S, field, 150, RunControl.none());
            }
        };
        return new PortfolioSelector(rules, limits).select(c.masks(), c.count(), o, candMeans, RunControl.none());
    }
}
