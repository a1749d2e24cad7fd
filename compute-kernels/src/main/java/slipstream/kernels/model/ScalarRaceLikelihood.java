package slipstream.kernels.model;

import java.util.Arrays;

/**
 * Scalar twin of {@link RaceLikelihood}: one race at a time, reading the lane layout with stride
 * {@link RaceModelData#lanes()}. Same recurrences as {@link PanamaRaceLikelihood}. Not thread-safe.
 */
public final class ScalarRaceLikelihood implements RaceLikelihood {
    private final RaceModelData d;
    private final double[] eta;
    private final double[] suffix;
    private final double[] tierSuffix;

    public ScalarRaceLikelihood(RaceModelData data) {
        this.d = data;
        this.eta = new double[Math.max(1, data.maxWidth)];
        this.suffix = new double[Math.max(1, data.maxWidth)];
        this.tierSuffix = new double[Math.max(1, Math.min(data.maxWidth, data.topPlaces))];
    }

    @Override
    public RaceModelData data() {
        return d;
    }

    @Override
    public double evaluate(double[] beta, double[] alpha, double[] gamma, double[] kappa, double[] lambda,
            double[] gradBeta, double[] gradAlpha, double[] gradGamma, double[] gradKappa, double[] gradLambda) {
        final int nF = d.features;
        final int nG = d.dnfFeatures;
        final int lanes = d.lanes;
        Arrays.fill(gradBeta, 0, Archetype.COUNT * nF, 0.0);
        Arrays.fill(gradAlpha, 0, Archetype.COUNT, 0.0);
        Arrays.fill(gradGamma, 0, nG, 0.0);
        Arrays.fill(gradKappa, 0, Archetype.COUNT, 0.0);
        Arrays.fill(gradLambda, 0, Archetype.COUNT, 0.0);
        double ll = 0.0;
        for (int blk = 0; blk < d.blocks; blk++) {
            int off = d.blockOffset[blk];
            for (int j = 0; j < lanes; j++) {
                int lane = blk * lanes + j;
                int n = d.fieldSize[lane];
                if (n == 0) {
                    continue;
                }
                int a = d.archetype[lane];
                int bOff = a * nF;
                for (int k = 0; k < n; k++) {
                    int p = off + k;
                    double e = 0.0;
                    for (int f = 0; f < nF; f++) {
                        e = Math.fma(d.x[(p * nF + f) * lanes + j], beta[bOff + f], e);
                    }
                    eta[k] = e;
                }
                // Suffix log-sum-exps over the unplaced drivers, as running (max, scaled sums): S_k of eta for the
                // places after the top tier, U_k of lambda * eta for the top tier's places k < top.
                int nFinish = d.finishers[lane];
                int plEnd = d.dnfsInDenominator ? n : nFinish;
                int top = Math.min(d.topPlaces, nFinish);
                double lam = lambda[a];
                double runMax = RaceModelData.PAD;
                double runSum = 0.0;
                double tierMax = RaceModelData.PAD;
                double tierSum = 0.0;
                for (int k = plEnd - 1; k >= 0; k--) {
                    double e = eta[k];
                    double newMax = Math.max(runMax, e);
                    runSum = runSum * Math.exp(runMax - newMax) + Math.exp(e - newMax);
                    runMax = newMax;
                    suffix[k] = runMax + Math.log(runSum);
                    if (top > 0) {
                        double t = lam * e;
                        double newTierMax = Math.max(tierMax, t);
                        tierSum = tierSum * Math.exp(tierMax - newTierMax) + Math.exp(t - newTierMax);
                        tierMax = newTierMax;
                        if (k < top) {
                            tierSuffix[k] = tierMax + Math.log(tierSum);
                        }
                    }
                }
                for (int k = 0; k < top; k++) {
                    ll += lam * eta[k] - tierSuffix[k];
                }
                for (int k = top; k < nFinish; k++) {
                    ll += eta[k] - suffix[k];
                }
                double lapsTotal = d.lapsTotal[lane];
                boolean laps = lapsTotal > 0.0;
                double kap = kappa[a];
                double lapsMax = Double.NEGATIVE_INFINITY;
                double lapsCoef = 0.0;
                if (laps) {
                    for (int k = 0; k < n; k++) {
                        lapsMax = Math.max(lapsMax, kap * eta[k]);
                    }
                    double sum = 0.0;
                    double ledEta = 0.0;
                    for (int k = 0; k < n; k++) {
                        sum += Math.exp(kap * eta[k] - lapsMax);
                        ledEta += d.lapsLed[(off + k) * lanes + j] * eta[k];
                    }
                    ll += kap * ledEta - lapsTotal * (lapsMax + Math.log(sum));
                    lapsCoef = lapsTotal / sum;
                }
                // d/d eta_k of -sum_{top<=i<nFinish} S_i = -sum_{top <= i <= min(k, nFinish-1)} exp(eta_k - S_i),
                // kept stable as exp(eta_k - S_ref) * D with D = sum_i exp(S_ref - S_i) in [1, k+1]; the same for
                // the top tier's -sum_{i<top} U_i, whose derivative carries a factor lambda.
                double scaled = 0.0;
                double ref = plEnd > 0 ? suffix[0] : 0.0;
                double tierScaled = 0.0;
                double tierRef = top > 0 ? tierSuffix[0] : 0.0;
                double gradKap = 0.0;
                double gradLam = 0.0;
                double aAlpha = alpha[a];
                for (int k = 0; k < n; k++) {
                    int p = off + k;
                    int cell = p * lanes + j;
                    boolean finisher = k < nFinish;
                    boolean tier = k < top;
                    if (tier) {
                        tierScaled = tierScaled * Math.exp(tierSuffix[k] - tierRef) + 1.0;
                        tierRef = tierSuffix[k];
                    } else if (finisher) {
                        scaled = scaled * Math.exp(suffix[k] - ref) + 1.0;
                        ref = suffix[k];
                    }
                    double e = eta[k];
                    double g = 0.0;
                    if (k < plEnd) {
                        g = (finisher && !tier ? 1.0 : 0.0) - Math.exp(e - ref) * scaled;
                        if (top > 0) {
                            double h = (tier ? 1.0 : 0.0) - Math.exp(lam * e - tierRef) * tierScaled;
                            g += lam * h;
                            gradLam += e * h;
                        }
                    }
                    if (laps) {
                        double r = d.lapsLed[cell] - lapsCoef * Math.exp(kap * e - lapsMax);
                        g += kap * r;
                        gradKap += r * e;
                    }
                    for (int f = 0; f < nF; f++) {
                        gradBeta[bOff + f] += d.x[(p * nF + f) * lanes + j] * g;
                    }
                    double logit = aAlpha;
                    for (int q = 0; q < nG; q++) {
                        logit = Math.fma(d.w[(p * nG + q) * lanes + j], gamma[q], logit);
                    }
                    double y = d.dnf[cell];
                    double softplus = Math.max(logit, 0.0) + Math.log1p(Math.exp(-Math.abs(logit)));
                    ll += y * logit - softplus;
                    double gl = y - 1.0 / (1.0 + Math.exp(-logit));
                    gradAlpha[a] += gl;
                    for (int q = 0; q < nG; q++) {
                        gradGamma[q] += d.w[(p * nG + q) * lanes + j] * gl;
                    }
                }
                gradKappa[a] += gradKap;
                gradLambda[a] += gradLam;
            }
        }
        return ll;
    }
}
