package slipstream.bench.mcmc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import slipstream.kernels.mcmc.Diagnostics;
import slipstream.kernels.mcmc.LogDensity;
import slipstream.kernels.mcmc.Nuts;
import slipstream.kernels.mcmc.NutsConfig;
import slipstream.kernels.mcmc.NutsListener;
import slipstream.kernels.mcmc.NutsResult;
import slipstream.kernels.model.RaceModelData;
import slipstream.kernels.model.RaceModelDensity;

/**
 * Our side of the NUTS race against Stan (bench/scripts/mcmc/run_stan_comparison.sh runs both in one go).
 *
 * <p>Writes the data of both models as R list literals (so Stan samples exactly the same data), samples each
 * model with our NUTS (chains one after another on this thread, as rstan does with {@code cores = 1}) and writes
 * one CSV line per model: summed post-warmup sampling seconds, min bulk/tail ESS over the sampled (unconstrained)
 * parameters, max R-hat, divergences, mean leapfrogs per draw, and posterior means on the unconstrained scale.
 *
 * <p>Usage: {@code StanComparison OUT_DIR CHAINS WARMUP DRAWS SEED RACES RACE_WARMUP RACE_DRAWS} (the race model is
 * about a hundred times dearer per draw than eight schools, so it may take fewer iterations; both samplers always
 * get the same numbers).
 */
public final class StanComparison {

    private StanComparison() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/mcmc-stan");
        int chains = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int draws = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 20261124L;
        int races = args.length > 5 ? Integer.parseInt(args[5]) : 48;
        int raceWarmup = args.length > 6 ? Integer.parseInt(args[6]) : warmup;
        int raceDraws = args.length > 7 ? Integer.parseInt(args[7]) : draws;
        Files.createDirectories(out);

        EightSchools schools = EightSchools.posteriordb();
        Files.writeString(out.resolve("eight_schools.data.R"), schools.toR());
        SyntheticRaceData raceData = SyntheticRaceData.generate(seed, races, 36, 40, 6, 2);
        Files.writeString(out.resolve("race.data.R"), raceData.toR());
        RaceModelData data = raceData.toModelData();

        NutsConfig config = new NutsConfig(chains, warmup, draws, seed, 0.8, 10);
        StringBuilder csv = new StringBuilder(
                "model,impl,chains,warmup,draws,sampling_s,warmup_s,min_ess_bulk,min_ess_tail,max_rhat,divergences,"
                        + "mean_leapfrog,min_ess_bulk_per_s\n");
        StringBuilder means = new StringBuilder("model,param,mean\n");
        run("eight_schools_noncentered", () -> schools, config, EightSchools.NAMES, csv, means);
        String[] names = new RaceModelDensity(data).layout().names();
        NutsConfig raceConfig = new NutsConfig(chains, raceWarmup, raceDraws, seed, 0.8, 10);
        run("race_model", () -> new RaceModelDensity(data), raceConfig, names, csv, means);
        Files.writeString(out.resolve("ours.csv"), csv.toString());
        Files.writeString(out.resolve("ours_means.csv"), means.toString());
        System.out.print(csv);
    }

    private static void run(String model, Supplier<LogDensity> density, NutsConfig config, String[] names,
                            StringBuilder csv, StringBuilder means) {
        NutsResult result = Nuts.sample(density, config, Runnable::run, NutsListener.NONE, () -> false, false);
        int n = density.get().dimension();
        double minBulk = Double.POSITIVE_INFINITY;
        double minTail = Double.POSITIVE_INFINITY;
        double maxRhat = 0;
        for (int i = 0; i < n; i++) {
            double[][] x = result.parameter(i);
            minBulk = Math.min(minBulk, Diagnostics.essBulk(x));
            minTail = Math.min(minTail, Diagnostics.essTail(x));
            maxRhat = Math.max(maxRhat, Diagnostics.rhat(x));
            double mean = java.util.Arrays.stream(Diagnostics.flatten(x)).average().orElseThrow();
            means.append(String.format(Locale.ROOT, "%s,%s,%.6f%n", model, names[i], mean));
        }
        double sampling = sum(result.samplingSeconds());
        double warm = sum(result.warmupSeconds());
        long leapfrogs = 0;
        for (int[] chain : result.leapfrogSteps()) {
            for (int l : chain) {
                leapfrogs += l;
            }
        }
        csv.append(String.format(Locale.ROOT, "%s,slipstream,%d,%d,%d,%.4f,%.4f,%.1f,%.1f,%.4f,%d,%.2f,%.1f%n",
                model, config.chains(), config.warmup(), config.draws(), sampling, warm, minBulk, minTail, maxRhat,
                result.divergences(), leapfrogs / (double) (config.chains() * config.draws()), minBulk / sampling));
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }
}
