package slipstream.kernels.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneMath;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link RaceLikelihood}: lane j of every vector is race j of the current block, so the suffix
 * log-sum-exp of the Plackett-Luce term, the laps-led softmax and the DNF logistic all run over L races at once.
 * Per-lane parameters (beta, alpha, kappa, lambda of each lane's archetype) are gathered once per block; gradients are
 * accumulated per lane and scattered back to archetypes at the end of the block. Not thread-safe.
 *
 * <p>Exponentials and logs go through {@link LaneMath} a pass at a time, so an evaluation gives the same bits
 * before and after the JIT compiles it (tested by {@code JitIndependenceTest}); the Vector API's own EXP and LOG
 * did not, which made Calibrate's draws change from run to run. That costs about a tenth of the throughput
 * (bench/RESULTS.md). The helpers that stage a pass take no vector arguments: a vector passed to a method that C2
 * compiles on its own is boxed, and every operation on it runs lane by lane.
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
    // Staging for LaneMath, one value per (place, lane) of a block: see orderTerms and stageForward.
    private final double[] decay;
    private final double[] fresh;
    private final double[] tierDecay;
    private final double[] tierFresh;
    private final double[] lapsWeight;
    private final double[] lapsLogSum;
    private final double[] laneOrderTerms;
    private final double[] growth;
    private final double[] placeShare;
    private final double[] tierShare;
    private final double[] logits;
    private final double[] softplusTail;
    private final double[] logitDecay;

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
        int cells = width * lanes;
        decay = new double[cells];
        fresh = new double[cells];
        tierDecay = new double[cells];
        tierFresh = new double[cells];
        lapsWeight = new double[cells];
        lapsLogSum = new double[lanes];
        laneOrderTerms = new double[lanes];
        growth = new double[cells];
        placeShare = new double[cells];
        tierShare = new double[cells];
        logits = new double[cells];
        softplusTail = new double[cells];
        logitDecay = new double[cells];
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

            orderTerms(off, width, top);
            llv = llv.add(DoubleVector.fromArray(S, laneOrderTerms, 0));

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
                for (int k = 0; k < width; k++) {
                    kap.mul(DoubleVector.fromArray(S, eta, k * lanes)).sub(lapsMax).intoArray(lapsWeight, k * lanes);
                }
                LaneMath.expInPlace(lapsWeight, 0, width * lanes);
                DoubleVector sum = zero;
                DoubleVector ledEta = zero;
                for (int k = 0; k < width; k++) {
                    int cell = (off + k) * lanes;
                    VectorMask<Double> pad = DoubleVector.fromArray(S, d.real, cell).compare(VectorOperators.LT, 0.5);
                    DoubleVector e = DoubleVector.fromArray(S, eta, k * lanes);
                    sum = sum.add(DoubleVector.fromArray(S, lapsWeight, k * lanes).blend(zero, pad));
                    ledEta = DoubleVector.fromArray(S, d.lapsLed, cell).fma(e, ledEta);
                }
                sum.intoArray(lapsLogSum, 0);
                LaneMath.logInPlace(lapsLogSum, 0, lanes);
                DoubleVector term = kap.mul(ledEta)
                        .sub(lapsTotal.mul(lapsMax.add(DoubleVector.fromArray(S, lapsLogSum, 0))));
                llv = llv.add(zero.blend(term, lapsLanes));
                lapsCoef = zero.blend(lapsTotal.div(sum), lapsLanes);
            }

            // Forward pass: gradient of every term with respect to eta and the DNF logit, folded into lane sums.
            stageForward(off, width, top, gamma);
            DoubleVector scaled = zero;
            DoubleVector tierScaled = zero;
            DoubleVector gradLam = zero;
            DoubleVector gradKap = zero;
            DoubleVector gradAlp = zero;
            for (int k = 0; k < width; k++) {
                int p = off + k;
                int cell = p * lanes;
                int at = k * lanes;
                DoubleVector fin = DoubleVector.fromArray(S, d.finisher, cell);
                VectorMask<Double> finM = fin.compare(VectorOperators.GT, 0.5);
                DoubleVector e = DoubleVector.fromArray(S, eta, at);
                DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, cell);
                DoubleVector g;
                if (k < top) {
                    DoubleVector grown = tierScaled.mul(DoubleVector.fromArray(S, growth, at)).add(one);
                    tierScaled = tierScaled.blend(grown, finM);
                    g = zero;
                } else {
                    DoubleVector grown = scaled.mul(DoubleVector.fromArray(S, growth, at)).add(one);
                    scaled = scaled.blend(grown, finM);
                    g = fin;
                }
                g = g.sub(DoubleVector.fromArray(S, placeShare, at).mul(scaled));
                if (top > 0) {
                    DoubleVector h = (k < top ? fin : zero)
                            .sub(DoubleVector.fromArray(S, tierShare, at).mul(tierScaled));
                    g = lam.fma(h, g);
                    gradLam = h.fma(e, gradLam);
                }
                DoubleVector realV = DoubleVector.fromArray(S, d.real, cell);
                if (laps) {
                    VectorMask<Double> on = realV.compare(VectorOperators.GT, 0.5).and(lapsLanes);
                    DoubleVector r = DoubleVector.fromArray(S, d.lapsLed, cell)
                            .sub(lapsCoef.mul(DoubleVector.fromArray(S, lapsWeight, at)));
                    r = zero.blend(r, on);
                    g = kap.fma(r, g);
                    gradKap = r.fma(e, gradKap);
                }
                for (int f = 0; f < nF; f++) {
                    int bf = f * lanes;
                    DoubleVector xv = DoubleVector.fromArray(S, d.x, (p * nF + f) * lanes);
                    xv.fma(g, DoubleVector.fromArray(S, laneGradBeta, bf)).intoArray(laneGradBeta, bf);
                }
                DoubleVector logit = DoubleVector.fromArray(S, logits, at);
                DoubleVector y = DoubleVector.fromArray(S, d.dnf, cell);
                DoubleVector softplus = logit.max(0.0).add(DoubleVector.fromArray(S, softplusTail, at));
                llv = realV.fma(y.mul(logit).sub(softplus), llv);
                // sigmoid(logit) from exp(-|logit|), the exponential the softplus already needed
                DoubleVector decayed = DoubleVector.fromArray(S, logitDecay, at);
                DoubleVector sigmoid = one.blend(decayed, logit.compare(VectorOperators.LT, 0.0))
                        .div(one.add(decayed));
                DoubleVector gl = realV.mul(y.sub(sigmoid));
                gradAlp = gradAlp.add(gl);
                for (int q = 0; q < nG; q++) {
                    int gq = q * lanes;
                    DoubleVector wv = DoubleVector.fromArray(S, d.w, (p * nG + q) * lanes);
                    wv.fma(gl, DoubleVector.fromArray(S, laneGradGamma, gq)).intoArray(laneGradGamma, gq);
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

    /**
     * The Plackett-Luce terms of one block: the suffix log-sum-exps across the finishing order, all lanes at once,
     * S_k of eta for the places after the top tier and U_k of lambda * eta for the top tier's places k < top (the
     * floor keeps padded slots at PAD whatever lambda is), each kept as a running maximum and a sum scaled by it.
     * The maxima go first, then every exponential of the block in one call, the scaled sums, and their logs in
     * another call (see {@link LaneMath} for why). Fills suffix and tierSuffix, and laneOrderTerms with each lane's
     * sum of the terms. Takes no vector arguments: a vector passed to a method C2 compiles on its own is boxed.
     */
    private void orderTerms(int off, int width, int top) {
        final DoubleVector lam = DoubleVector.fromArray(S, laneLambda, 0);
        final DoubleVector padFloor = DoubleVector.broadcast(S, RaceModelData.PAD);
        DoubleVector llv = DoubleVector.zero(S);
        DoubleVector runMax = padFloor;
        DoubleVector tierMax = padFloor;
        for (int k = width - 1; k >= 0; k--) {
            int at = k * lanes;
            DoubleVector raw = DoubleVector.fromArray(S, eta, at);
            DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, (off + k) * lanes);
            DoubleVector e = raw.add(plOff);
            DoubleVector newMax = runMax.max(e);
            runMax.sub(newMax).intoArray(decay, at);
            e.sub(newMax).intoArray(fresh, at);
            newMax.intoArray(suffix, at);
            runMax = newMax;
            if (top > 0) {
                DoubleVector t = lam.fma(raw, plOff).max(padFloor);
                DoubleVector newTierMax = tierMax.max(t);
                tierMax.sub(newTierMax).intoArray(tierDecay, at);
                t.sub(newTierMax).intoArray(tierFresh, at);
                if (k < top) {
                    newTierMax.intoArray(tierSuffix, at); // U_k's maximum; its log-sum is added below
                }
                tierMax = newTierMax;
            }
        }
        int cells = width * lanes;
        LaneMath.expInPlace(decay, 0, cells);
        LaneMath.expInPlace(fresh, 0, cells);
        if (top > 0) {
            LaneMath.expInPlace(tierDecay, 0, cells);
            LaneMath.expInPlace(tierFresh, 0, cells);
        }
        DoubleVector runSum = DoubleVector.zero(S);
        DoubleVector tierSum = DoubleVector.zero(S);
        for (int k = width - 1; k >= 0; k--) {
            int at = k * lanes;
            runSum = runSum.mul(DoubleVector.fromArray(S, decay, at)).add(DoubleVector.fromArray(S, fresh, at));
            runSum.intoArray(decay, at); // the scaled sums replace the factors already used
            if (top > 0) {
                tierSum = tierSum.mul(DoubleVector.fromArray(S, tierDecay, at))
                        .add(DoubleVector.fromArray(S, tierFresh, at));
                tierSum.intoArray(tierDecay, at);
            }
        }
        LaneMath.logInPlace(decay, 0, cells);
        if (top > 0) {
            LaneMath.logInPlace(tierDecay, 0, top * lanes);
        }
        for (int k = width - 1; k >= 0; k--) {
            int at = k * lanes;
            int cell = (off + k) * lanes;
            DoubleVector raw = DoubleVector.fromArray(S, eta, at);
            DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, cell);
            DoubleVector sk = DoubleVector.fromArray(S, suffix, at).add(DoubleVector.fromArray(S, decay, at));
            sk.intoArray(suffix, at);
            DoubleVector fin = DoubleVector.fromArray(S, d.finisher, cell);
            if (k < top) {
                DoubleVector t = lam.fma(raw, plOff).max(padFloor);
                DoubleVector uk = DoubleVector.fromArray(S, tierSuffix, at)
                        .add(DoubleVector.fromArray(S, tierDecay, at));
                uk.intoArray(tierSuffix, at);
                llv = fin.fma(t.sub(uk), llv);
            } else {
                llv = fin.fma(raw.add(plOff).sub(sk), llv);
            }
        }
        llv.intoArray(laneOrderTerms, 0);
    }

    /**
     * The forward pass's exponentials, in bulk: walks the finishing order as the pass does, tracking the reference
     * suffix of each tier (it moves on at every finisher), and stores each exponential's argument, then runs
     * {@link LaneMath} over them. Fills growth, placeShare, tierShare (when there is a top tier), logits,
     * logitDecay (exp(-|logit|)) and softplusTail (log1p of it).
     */
    private void stageForward(int off, int width, int top, double[] gamma) {
        final int nG = d.dnfFeatures;
        final DoubleVector lam = DoubleVector.fromArray(S, laneLambda, 0);
        final DoubleVector padFloor = DoubleVector.broadcast(S, RaceModelData.PAD);
        final DoubleVector alp = DoubleVector.fromArray(S, laneAlpha, 0);
        DoubleVector ref = DoubleVector.fromArray(S, suffix, 0);
        DoubleVector tierRef = top > 0 ? DoubleVector.fromArray(S, tierSuffix, 0) : DoubleVector.zero(S);
        for (int k = 0; k < width; k++) {
            int p = off + k;
            int cell = p * lanes;
            int at = k * lanes;
            VectorMask<Double> finM = DoubleVector.fromArray(S, d.finisher, cell).compare(VectorOperators.GT, 0.5);
            DoubleVector e = DoubleVector.fromArray(S, eta, at);
            DoubleVector plOff = DoubleVector.fromArray(S, d.plOffset, cell);
            if (k < top) {
                DoubleVector uk = DoubleVector.fromArray(S, tierSuffix, at);
                uk.sub(tierRef).intoArray(growth, at);
                tierRef = tierRef.blend(uk, finM);
            } else {
                DoubleVector sk = DoubleVector.fromArray(S, suffix, at);
                sk.sub(ref).intoArray(growth, at);
                ref = ref.blend(sk, finM);
            }
            e.add(plOff).sub(ref).intoArray(placeShare, at);
            if (top > 0) {
                lam.fma(e, plOff).max(padFloor).sub(tierRef).intoArray(tierShare, at);
            }
            DoubleVector logit = alp;
            for (int q = 0; q < nG; q++) {
                DoubleVector wv = DoubleVector.fromArray(S, d.w, (p * nG + q) * lanes);
                logit = wv.fma(DoubleVector.broadcast(S, gamma[q]), logit);
            }
            logit.intoArray(logits, at);
            logit.abs().neg().intoArray(logitDecay, at);
        }
        int cells = width * lanes;
        LaneMath.expInPlace(growth, 0, cells);
        LaneMath.expInPlace(placeShare, 0, cells);
        if (top > 0) {
            LaneMath.expInPlace(tierShare, 0, cells);
        }
        LaneMath.expInPlace(logitDecay, 0, cells);
        LaneMath.log1p(logitDecay, softplusTail, 0, cells);
    }
}
