package slipstream.kernels.mcmc;

import java.util.Arrays;

/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), computed as R's
 * {@code posterior} package (1.4) computes them (split chains, rank normalisation with average ranks and the
 * (r - 3/8) / (S + 1/4) offset, biased FFT autocovariance, Geyer's initial positive and
 * initial monotone sequences, and the 1 / log10(S) floor on tau). Inputs are {@code [chain][draw]} of one
 * scalar quantity.
 */
public final class Diagnostics {

    private Diagnostics() {}

    /** max(bulk, tail) rank-normalised split R-hat. */
    public static double rhat(double[][] x) {
        return Math.max(rhatBulk(x), rhatTail(x));
    }

    public static double rhatBulk(double[][] x) {
        return rhatBasic(zScale(split(x)));
    }

    public static double rhatTail(double[][] x) {
        return rhatBasic(zScale(split(fold(x))));
    }

    public static double essBulk(double[][] x) {
        return ess(zScale(split(x)));
    }

    /** min of the ESS of the 5% and 95% quantile indicators. */
    public static double essTail(double[][] x) {
        double[] all = flatten(x);
        return Math.min(essQuantile(x, quantile(all, 0.05)), essQuantile(x, quantile(all, 0.95)));
    }

    /** ESS of the mean (split chains, no rank normalisation). */
    public static double essMean(double[][] x) {
        return ess(split(x));
    }

    /** MCSE of the mean: sd / sqrt(ESS of the mean). */
    public static double mcseMean(double[][] x) {
        double[] all = flatten(x);
        return sd(all) / Math.sqrt(essMean(x));
    }

    /** MCSE of the p-quantile, by posterior's interval method (Beta quantiles of the indicator ESS). */
    public static double mcseQuantile(double[][] x, double p) {
        double[] all = flatten(x);
        double ess = essQuantile(x, quantile(all, p));
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        int s = sorted.length;
        double a1 = SpecialFunctions.betaQuantile(0.1586553, ess * p + 1, ess * (1 - p) + 1);
        double a2 = SpecialFunctions.betaQuantile(0.8413447, ess * p + 1, ess * (1 - p) + 1);
        double th1 = sorted[Math.max((int) Math.floor(a1 * s), 1) - 1];
        double th2 = sorted[Math.min((int) Math.ceil(a2 * s), s) - 1];
        return (th2 - th1) / 2;
    }

    /** E-BFMI of one chain's energies: sum of squared successive differences / sum of squared deviations. */
    public static double ebfmi(double[] energy) {
        double mean = 0;
        for (double e : energy) {
            mean += e;
        }
        mean /= energy.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < energy.length; i++) {
            if (i > 0) {
                double d = energy[i] - energy[i - 1];
                num += d * d;
            }
            double c = energy[i] - mean;
            den += c * c;
        }
        return num / den;
    }

    private static double essQuantile(double[][] x, double q) {
        double[][] indicator = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            indicator[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                indicator[c][i] = x[c][i] <= q ? 1 : 0;
            }
        }
        return ess(split(indicator));
    }

    /** Splits each chain into halves (the middle draw of an odd-length chain is dropped, as posterior does). */
    static double[][] split(double[][] x) {
        int n = x[0].length;
        if (n < 2) {
            return x;
        }
        int half = n / 2;
        int secondStart = (int) Math.ceil(n / 2.0 + 1) - 1;
        double[][] out = new double[2 * x.length][];
        for (int c = 0; c < x.length; c++) {
            out[2 * c] = Arrays.copyOfRange(x[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(x[c], secondStart, n);
        }
        return out;
    }

    private static double[][] fold(double[][] x) {
        double median = quantile(flatten(x), 0.5);
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                out[c][i] = Math.abs(x[c][i] - median);
            }
        }
        return out;
    }

    /** Rank normalisation: average ranks over all draws, then qnorm((r - 3/8) / (S + 1/4)). */
    static double[][] zScale(double[][] x) {
        double[] all = flatten(x);
        int s = all.length;
        Integer[] order = new Integer[s];
        for (int i = 0; i < s; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double[] rank = new double[s];
        for (int i = 0; i < s; ) {
            int j = i;
            while (j + 1 < s && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        double[][] out = new double[x.length][];
        int k = 0;
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                out[c][i] = SpecialFunctions.normalQuantile((rank[k++] - 0.375) / (s + 0.25));
            }
        }
        return out;
    }

    static double rhatBasic(double[][] x) {
        int chains = x.length;
        int n = x[0].length;
        double[] means = new double[chains];
        double within = 0;
        for (int c = 0; c < chains; c++) {
            means[c] = mean(x[c]);
            within += variance(x[c]);
        }
        within /= chains;
        double between = n * variance(means);
        return Math.sqrt((between / within + n - 1) / n);
    }

    /** posterior's .ess: Geyer's initial positive then initial monotone sequence on the averaged autocorrelation. */
    static double ess(double[][] x) {
        int chains = x.length;
        int n = x[0].length;
        if (n < 3) {
            return Double.NaN;
        }
        double[][] acov = new double[chains][];
        double[] chainMean = new double[chains];
        for (int c = 0; c < chains; c++) {
            acov[c] = autocovariance(x[c]);
            chainMean[c] = mean(x[c]);
        }
        double meanVar = 0;
        for (int c = 0; c < chains; c++) {
            meanVar += acov[c][0];
        }
        meanVar = meanVar / chains * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n;
        if (chains > 1) {
            varPlus += variance(chainMean);
        }
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double[] rho = new double[n];
        int t = 0;
        double rhoEven = 1;
        rho[0] = rhoEven;
        double rhoOdd = 1 - (meanVar - meanAcov(acov, t + 1)) / varPlus;
        rho[1] = rhoOdd;
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - meanAcov(acov, t)) / varPlus;
            rhoOdd = 1 - (meanVar - meanAcov(acov, t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0) {
            rho[maxT] = rhoEven;
        }
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double total = (double) chains * n;
        double tau = -1;
        for (int i = 0; i < maxT; i++) {
            tau += 2 * rho[i];
        }
        tau += rho[maxT];
        tau = Math.max(tau, 1 / Math.log10(total));
        return total / tau;
    }

    private static double meanAcov(double[][] acov, int lag) {
        double s = 0;
        for (double[] a : acov) {
            s += a[lag];
        }
        return s / acov.length;
    }

    /**
     * Biased autocovariance S_k / N of one chain (posterior 1.4's normalisation), by FFT of the centred series
     * zero-padded past 2N so that the circular correlation equals the linear one. Zero for a constant chain.
     */
    static double[] autocovariance(double[] x) {
        int n = x.length;
        double mean = mean(x);
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1)) * 2;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }
        Fft.transform(re, im, false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        Fft.transform(re, im, true); // unnormalised inverse: lag sums times size
        double[] out = new double[n];
        if (!(re[0] > 0)) {
            return out;
        }
        for (int k = 0; k < n; k++) {
            out[k] = re[k] / size / n;
        }
        return out;
    }

    static int nextGoodSize(int n) {
        if (n <= 2) {
            return 2;
        }
        while (true) {
            int m = n;
            while (m % 2 == 0) {
                m /= 2;
            }
            while (m % 3 == 0) {
                m /= 3;
            }
            while (m % 5 == 0) {
                m /= 5;
            }
            if (m <= 1) {
                return n;
            }
            n++;
        }
    }

    /** Quantile by linear interpolation between order statistics (type 7, R's default). */
    static double quantile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** All draws of all chains, chain after chain. */
    public static double[] flatten(double[][] x) {
        int total = 0;
        for (double[] c : x) {
            total += c.length;
        }
        double[] out = new double[total];
        int k = 0;
        for (double[] c : x) {
            System.arraycopy(c, 0, out, k, c.length);
            k += c.length;
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance (divisor n - 1). */
    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    private static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }
}
