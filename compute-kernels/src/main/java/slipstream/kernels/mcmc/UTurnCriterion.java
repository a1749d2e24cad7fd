package slipstream.kernels.mcmc;

/**
 * Whether a trajectory may keep growing. Stan's generalised criterion: with rho the sum of the momenta over a
 * (sub)tree and p# = M^-1 p at its two ends, continue while p#_minus . rho > 0 and p#_plus . rho > 0.
 */
@FunctionalInterface
interface UTurnCriterion {

    boolean persists(double[] sharpMinus, double[] sharpPlus, double[] rho);

    UTurnCriterion GENERALISED = (minus, plus, rho) -> {
        double a = 0;
        double b = 0;
        for (int i = 0; i < rho.length; i++) {
            a += plus[i] * rho[i];
            b += minus[i] * rho[i];
        }
        return a > 0 && b > 0;
    };
}
