package slipstream.kernels.race;

/**
 * Everything one simulation run needs. Per-draw arrays are flat, draw-major: {@code eta[r * drivers + d]} is the
 * log-strength of driver {@code d} under posterior draw {@code r}; scenario {@code s} uses draw
 * {@code s % draws}. Arrays are not copied: do not change them while a run is in flight.
 *
 * @param drivers        number of drivers n (1..scoring.places())
 * @param scenarios      number of scenarios S
 * @param draws          number of posterior draws D (>= 1)
 * @param eta            log-strengths, length D * n
 * @param dnfProbability DNF probability per draw and driver at average chaos, length D * n, in [0, 1]
 * @param kappa          laps-led concentration per draw, length D, > 0: stint weight {@code exp(kappa * eta)}
 * @param topScale       top-tier scale lambda per draw, length D, > 0: finishing places 1..topPlaces are drawn in
 *                       turn with weights {@code exp(lambda * strength)}, the rest with {@code exp(strength)}
 * @param topPlaces      places in the top tier (>= 0); 0, or lambda = 1, is plain Plackett-Luce
 * @param start          starting position per driver (1-based), length n
 * @param team           team index per driver (0-based), or -1 for none, length n
 * @param raceLaps       scheduled laps (>= 1)
 * @param chaos          the archetype's chaos parameters
 * @param seed           run seed
 * @param scoring        DFS scoring table
 */
public record RaceInputs(int drivers, int scenarios, int draws, double[] eta, double[] dnfProbability,
                         double[] kappa, double[] topScale, int topPlaces, int[] start, int[] team, int raceLaps,
                         ArchetypeChaos chaos, long seed, ScoringTable scoring) {

    public RaceInputs {
        StringBuilder bad = new StringBuilder();
        if (drivers < 1) {
            bad.append("drivers must be >= 1; ");
        }
        if (scoring == null || drivers > scoring.places()) {
            bad.append("drivers must not exceed the scoring table's places; ");
        }
        if (scenarios < 0) {
            bad.append("scenarios must be >= 0; ");
        }
        if (draws < 1) {
            bad.append("draws must be >= 1; ");
        }
        if (eta == null || eta.length != (long) draws * drivers) {
            bad.append("eta must have draws * drivers entries; ");
        }
        if (dnfProbability == null || dnfProbability.length != (long) draws * drivers) {
            bad.append("dnfProbability must have draws * drivers entries; ");
        } else {
            for (double p : dnfProbability) {
                if (!(p >= 0 && p <= 1)) {
                    bad.append("dnfProbability must lie in [0, 1]; ");
                    break;
                }
            }
        }
        requirePositivePerDraw("kappa", kappa, draws, bad);
        requirePositivePerDraw("topScale", topScale, draws, bad);
        if (topPlaces < 0) {
            bad.append("topPlaces must be >= 0; ");
        }
        if (start == null || start.length != drivers) {
            bad.append("start must have one entry per driver; ");
        }
        if (team == null || team.length != drivers) {
            bad.append("team must have one entry per driver; ");
        } else {
            for (int t : team) {
                if (t < -1) {
                    bad.append("team must be >= -1; ");
                    break;
                }
            }
        }
        if (raceLaps < 1) {
            bad.append("raceLaps must be >= 1; ");
        }
        if (chaos == null) {
            bad.append("chaos is required; ");
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(bad.toString().trim());
        }
    }

    private static void requirePositivePerDraw(String name, double[] values, int draws, StringBuilder bad) {
        if (values == null || values.length != draws) {
            bad.append(name).append(" must have one entry per draw; ");
            return;
        }
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                bad.append(name).append(" must be finite and > 0; ");
                return;
            }
        }
    }

    /** Number of teams: largest team index + 1. */
    public int teams() {
        int t = 0;
        for (int v : team) {
            t = Math.max(t, v + 1);
        }
        return t;
    }
}
