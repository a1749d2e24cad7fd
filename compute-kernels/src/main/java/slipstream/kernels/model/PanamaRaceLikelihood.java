package slipstream.kernels.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link RaceLikelihood}: lane j of every vector is race j of the current block, so the suffix
 * log-sum-exp of the Plackett-Luce term, the laps-led softmax and the DNF logistic all run over L races at once.
 * Per-lane parameters (beta, alpha, kappa, lambda of each lane's archetype) are gathered once per block; gradients are
 * accumulated per lane and scattered back to archetypes at the end of the block. Not thread-safe.
 */
public final class PanamaRaceLikelihood implements RaceLikelihood {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private final RaceModelData d;
    private final int lanes;
    private final double[] eta;
    private final double[] suffix;
    private final double[] tierSuffix;
    private final double[] laneBeta;
    private final double[] laneAlpha;
    private final double[] laneKappa;
    private final double[] laneLambda;
    private final double[] laneGradBeta;
    private final double[] laneGradGamma;
    private final double[] laneTmp;

    public PanamaRaceLikelihood(RaceModelData data) {
        if (data.lanes != S.length()) {
            throw new IllegalArgumentException("data laid out for " + data.lanes + " lanes, the preferred species has "
                    + S.length() + "; build it with the default lane count");
        }
        this.d = data;
        this.lanes = data.lanes;
        int width = Math.max(1, data.maxWidth);
        eta = new double[width * lanes];
        suffix = new double[width * lanes];
        tierSuffix = new double[Math.max(1, Math.min(width, data.topPlaces)) * lanes];
        laneBeta = new double[data.features * lanes];
        laneAlpha = new double[lanes];
        laneKappa = new double[lanes];
        laneLambda = new double[lanes];
        laneGradBeta = new double[data.features * lanes];
        laneGradGamma = new double[Math.max(1, data.dnfFeatures) * lanes];
        laneTmp = new double[3 * lanes];
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
        final int lanes = this.lanes;
        Arrays.fill(gradBeta, 0, Archetype.COUNT * nF, 0.0);
        Arrays.fill(gradAlpha, 0, Archetype.COUNT, 0.0);
        Arrays.fill(gradGamma, 0, nG, 0.0);
        Arrays.fill(gradKappa, 0, Archetype.COUNT, 0.0);
        Arrays.fill(gradLambda, 0, Archetype.COUNT, 0.0);
        Arrays.fill(laneGradGamma, 0.0);
        final DoubleVector zero = DoubleVector.zero(S);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector negInf = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector llv = zero;
        for (int blk = 0; blk < d.blocks; blk++) {
            final int off = d.blockOffset[blk];
            final int width = d.blockWidth[blk];
            final int lb = blk * lanes;
            for (int j = 0; j < lanes; j++) {
                int a = d.archetype[lb + j];
                for (int f = 0; f < nF; f++) {
                    laneBeta[f * lanes + j] = beta[a * nF + f];
                }
                laneAlpha[j] = alpha[a];
                laneKappa[j] = kappa[a];
                laneLambda[j] = lambda[a];
            }
            final int top = Math.min(d.topPlaces, width);
            final DoubleVector lam = DoubleVector.fromArray(S, laneLambda, 0);
            final DoubleVector padFloor = DoubleVector.broadcast(S, RaceModelData.PAD);
            Arrays.fill(laneGradBeta, 0.0);

            for (int k = 0; k < width; k++) {
                int p = off + k;
                DoubleVector acc = DoubleVector.fromArray(S, d.pad, p * lanes);
                for (int f = 0; f < nF; f++) {
                    DoubleVector xv = DoubleVector.fromArray(S, d.x, (p * nF + f) * lanes);
                    acc = xv.fma(DoubleVector.fromArray(S, laneBeta, f * lanes), acc);
                }
                acc.intoArray(eta, k * lanes);
            }

            // Suffix log-sum-exps across the finishing order, all lanes at once (running max and scaled sum): S_k
            // of eta for the places after the top tier, U_k of lambda * eta for the top tier's places k < top (the
            // floor keeps padded slots at PAD whatever lambda is).
            DoubleVector runMax = padFloor;
            DoubleVector runSum = zero;
            DoubleVector tierMax = padFloor;
            DoubleVector tierSum = zero;
            for (int k = width - 1; k >= 0; k--) {
                DoubleVector raw = DoubleVector.fromArray(S, eta, k * lanes);
                DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, (off + k) * lanes);
                DoubleVector e = raw.add(plOff);
                DoubleVector newMax = runMax.max(e);
                runSum = runSum.mul(runMax.sub(newMax).lanewise(VectorOperators.EXP))
                        .add(e.sub(newMax).lanewise(VectorOperators.EXP));
                runMax = newMax;
                DoubleVector sk = runMax.add(runSum.lanewise(VectorOperators.LOG));
                sk.intoArray(suffix, k * lanes);
                DoubleVector fin = DoubleVector.fromArray(S, d.finisher, (off + k) * lanes);
                if (top > 0) {
                    DoubleVector t = lam.fma(raw, plOff).max(padFloor);
                    DoubleVector newTierMax = tierMax.max(t);
                    tierSum = tierSum.mul(tierMax.sub(newTierMax).lanewise(VectorOperators.EXP))
                            .add(t.sub(newTierMax).lanewise(VectorOperators.EXP));
                    tierMax = newTierMax;
                    if (k < top) {
                        DoubleVector uk = tierMax.add(tierSum.lanewise(VectorOperators.LOG));
                        uk.intoArray(tierSuffix, k * lanes);
                        llv = fin.fma(t.sub(uk), llv);
                        continue;
                    }
                }
                llv = fin.fma(e.sub(sk), llv);
            }

            DoubleVector lapsTotal = DoubleVector.fromArray(S, d.lapsTotal, lb);
            VectorMask<Double> lapsLanes = lapsTotal.compare(VectorOperators.GT, 0.0);
            boolean laps = lapsLanes.anyTrue();
            DoubleVector kap = DoubleVector.fromArray(S, laneKappa, 0);
            DoubleVector lapsMax = negInf;
            DoubleVector lapsCoef = zero;
            if (laps) {
                for (int k = 0; k < width; k++) {
                    VectorMask<Double> pad = DoubleVector.fromArray(S, d.real, (off + k) * lanes)
                            .compare(VectorOperators.LT, 0.5);
                    DoubleVector s = kap.mul(DoubleVector.fromArray(S, eta, k * lanes)).blend(negInf, pad);
                    lapsMax = lapsMax.max(s);
                }
                DoubleVector sum = zero;
                DoubleVector ledEta = zero;
                for (int k = 0; k < width; k++) {
                    int cell = (off + k) * lanes;
                    VectorMask<Double> pad = DoubleVector.fromArray(S, d.real, cell).compare(VectorOperators.LT, 0.5);
                    DoubleVector e = DoubleVector.fromArray(S, eta, k * lanes);
                    sum = sum.add(kap.mul(e).sub(lapsMax).lanewise(VectorOperators.EXP).blend(zero, pad));
                    ledEta = DoubleVector.fromArray(S, d.lapsLed, cell).fma(e, ledEta);
                }
                DoubleVector term = kap.mul(ledEta)
                        .sub(lapsTotal.mul(lapsMax.add(sum.lanewise(VectorOperators.LOG))));
                llv = llv.add(zero.blend(term, lapsLanes));
                lapsCoef = zero.blend(lapsTotal.div(sum), lapsLanes);
            }

            // Forward pass: gradient of every term with respect to eta and the DNF logit, folded into lane sums.
            DoubleVector scaled = zero;
            DoubleVector ref = DoubleVector.fromArray(S, suffix, 0);
            DoubleVector tierScaled = zero;
            DoubleVector tierRef = top > 0 ? DoubleVector.fromArray(S, tierSuffix, 0) : zero;
            DoubleVector gradLam = zero;
            DoubleVector gradKap = zero;
            DoubleVector gradAlp = zero;
            DoubleVector alp = DoubleVector.fromArray(S, laneAlpha, 0);
            for (int k = 0; k < width; k++) {
                int p = off + k;
                int cell = p * lanes;
                DoubleVector fin = DoubleVector.fromArray(S, d.finisher, cell);
                VectorMask<Double> finM = fin.compare(VectorOperators.GT, 0.5);
                DoubleVector e = DoubleVector.fromArray(S, eta, k * lanes);
                DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, cell);
                DoubleVector ePl = e.add(plOff);
                DoubleVector g;
                if (k < top) {
                    DoubleVector uk = DoubleVector.fromArray(S, tierSuffix, k * lanes);
                    DoubleVector grown = tierScaled.mul(uk.sub(tierRef).lanewise(VectorOperators.EXP)).add(one);
                    tierScaled = tierScaled.blend(grown, finM);
                    tierRef = tierRef.blend(uk, finM);
                    g = zero;
                } else {
                    DoubleVector sk = DoubleVector.fromArray(S, suffix, k * lanes);
                    DoubleVector grown = scaled.mul(sk.sub(ref).lanewise(VectorOperators.EXP)).add(one);
                    scaled = scaled.blend(grown, finM);
                    ref = ref.blend(sk, finM);
                    g = fin;
                }
                g = g.sub(ePl.sub(ref).lanewise(VectorOperators.EXP).mul(scaled));
                if (top > 0) {
                    DoubleVector t = lam.fma(e, plOff).max(padFloor);
                    DoubleVector h = (k < top ? fin : zero)
                            .sub(t.sub(tierRef).lanewise(VectorOperators.EXP).mul(tierScaled));
                    g = lam.fma(h, g);
                    gradLam = h.fma(e, gradLam);
                }
                DoubleVector realV = DoubleVector.fromArray(S, d.real, cell);
                if (laps) {
                    VectorMask<Double> on = realV.compare(VectorOperators.GT, 0.5).and(lapsLanes);
                    DoubleVector r = DoubleVector.fromArray(S, d.lapsLed, cell)
                            .sub(lapsCoef.mul(kap.mul(e).sub(lapsMax).lanewise(VectorOperators.EXP)));
                    r = zero.blend(r, on);
                    g = kap.fma(r, g);
                    gradKap = r.fma(e, gradKap);
                }
                for (int f = 0; f < nF; f++) {
                    int at = f * lanes;
                    DoubleVector xv = DoubleVector.fromArray(S, d.x, (p * nF + f) * lanes);
                    xv.fma(g, DoubleVector.fromArray(S, laneGradBeta, at)).intoArray(laneGradBeta, at);
                }
                DoubleVector logit = alp;
                for (int q = 0; q < nG; q++) {
                    DoubleVector wv = DoubleVector.fromArray(S, d.w, (p * nG + q) * lanes);
                    logit = wv.fma(DoubleVector.broadcast(S, gamma[q]), logit);
                }
                DoubleVector y = DoubleVector.fromArray(S, d.dnf, cell);
                DoubleVector softplus = logit.max(0.0)
                        .add(logit.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
                llv = realV.fma(y.mul(logit).sub(softplus), llv);
                DoubleVector sigmoid = one.div(one.add(logit.neg().lanewise(VectorOperators.EXP)));
                DoubleVector gl = realV.mul(y.sub(sigmoid));
                gradAlp = gradAlp.add(gl);
                for (int q = 0; q < nG; q++) {
                    int at = q * lanes;
                    DoubleVector wv = DoubleVector.fromArray(S, d.w, (p * nG + q) * lanes);
                    wv.fma(gl, DoubleVector.fromArray(S, laneGradGamma, at)).intoArray(laneGradGamma, at);
                }
            }
            gradKap.intoArray(laneTmp, 0);
            gradAlp.intoArray(laneTmp, lanes);
            gradLam.intoArray(laneTmp, 2 * lanes);
            for (int j = 0; j < lanes; j++) {
                int a = d.archetype[lb + j];
                for (int f = 0; f < nF; f++) {
                    gradBeta[a * nF + f] += laneGradBeta[f * lanes + j];
                }
                gradAlpha[a] += laneTmp[lanes + j];
                gradKappa[a] += laneTmp[j];
                gradLambda[a] += laneTmp[2 * lanes + j];
            }
        }
        for (int q = 0; q < nG; q++) {
            double s = 0.0;
            for (int j = 0; j < lanes; j++) {
                s += laneGradGamma[q * lanes + j];
            }
            gradGamma[q] = s;
        }
        return LaneSums.inOrder(llv);
    }
}
