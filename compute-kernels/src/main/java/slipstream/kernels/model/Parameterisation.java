package slipstream.kernels.model;

/**
 * Which archetypes the sampler sees centred. A non-centred archetype's slots hold z (beta_a = mu + tau z_a,
 * alpha_a = alpha_mu + alpha_tau alpha_z_a); a centred one's slots hold beta_a[f] and alpha_a themselves, with
 * the priors beta_a[f] ~ N(mu[f], tau[f]) and alpha_a ~ N(alpha_mu, alpha_tau). Same model, different geometry.
 *
 * <p>Why both: with few races an archetype's coefficients are set by the prior and the centred form is a funnel in
 * (tau, beta); with many races the data pin beta_a and the non-centred form becomes the funnel in (tau, z)
 * instead (z = (beta - mu) / tau must move with tau). {@link #byRaceCount} centres the archetypes with plenty of
 * data, the usual practice (Betancourt and Girolami 2015, "Hamiltonian Monte Carlo for hierarchical models").
 *
 * <p>Stored draws always use the non-centred coordinates ({@link #toNonCentred}), so {@link ParameterLayout}
 * reads every draw the same way whatever the sampler saw.
 */
public record Parameterisation(boolean[] centred) {
    /** Races of an archetype from which it is sampled centred by {@link #byRaceCount}. */
    public static final int CENTRED_FROM_RACES = 30;

    public Parameterisation {
        if (centred.length != Archetype.COUNT) {
            throw new IllegalArgumentException("one flag per archetype expected, got " + centred.length);
        }
        centred = centred.clone();
    }

    /** Every archetype non-centred: the sampling coordinates are the stored ones. */
    public static Parameterisation nonCentred() {
        return new Parameterisation(new boolean[Archetype.COUNT]);
    }

    /** Centred where the data hold at least {@link #CENTRED_FROM_RACES} races of the archetype. */
    public static Parameterisation byRaceCount(RaceModelData data) {
        boolean[] c = new boolean[Archetype.COUNT];
        for (int a = 0; a < c.length; a++) {
            c[a] = data.races(a) >= CENTRED_FROM_RACES;
        }
        return new Parameterisation(c);
    }

    public boolean centred(int archetype) {
        return centred[archetype];
    }

    @Override
    public boolean[] centred() {
        return centred.clone();
    }

    /** Rewrites a draw in sampling coordinates into the non-centred (stored) coordinates, in place. */
    public void toNonCentred(ParameterLayout layout, double[] position) {
        double alphaTau = Math.exp(position[layout.logAlphaTau()]);
        for (int a = 0; a < centred.length; a++) {
            if (!centred[a]) {
                continue;
            }
            for (int f = 0; f < layout.features(); f++) {
                double tau = Math.exp(position[layout.logTau(f)]);
                position[layout.z(a, f)] = (position[layout.z(a, f)] - position[layout.mu(f)]) / tau;
            }
            position[layout.alphaZ(a)] = (position[layout.alphaZ(a)] - position[layout.alphaMu()]) / alphaTau;
        }
    }
}
