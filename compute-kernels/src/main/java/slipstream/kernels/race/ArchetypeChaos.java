package slipstream.kernels.race;

/**
 * Per-scenario chaos of one track archetype: how cautions, wrecks and shared team luck make outcomes co-move.
 *
 * <p><b>Model.</b> Scenario {@code s} draws {@code z ~ N(0, 1)} and sets the caution share
 * {@code q = logistic(logitMu + logitSigma * z)} (logit-normal rather than Beta: one normal per scenario, exact
 * and cheap) and the chaos level {@code c = q / E[q] - 1} (0 on average; {@code E[q]} is
 * {@link #meanCautionShare()}). Then
 * <ul>
 *   <li>caution laps {@code = round(q * raceLaps)}, green-flag laps = the rest;</li>
 *   <li>DNF probability {@code min(0.95, p * max(0, 1 + dnfPerChaos * c))}, so the average stays {@code p};</li>
 *   <li>strength noise sd {@code strengthNoisePerChaos * max(0, c)}: only above-average chaos widens the order,
 *       so the average race stays plain Plackett-Luce;</li>
 *   <li>a team effect {@code N(0, teamSd^2)} per team and scenario, shared by teammates;</li>
 *   <li>{@code frontBonus}: a running driver's weight for leading a stint (and, tempered, for a fastest lap)
 *       carries the factor {@code finish^-frontBonus}, which favours cars running near the front;</li>
 *   <li>{@code leadHold}: the leader of a laps-led stint keeps the next one with this probability while still
 *       running (else the stint is drawn by weight as usual), as real leaders hold the lead across green runs;</li>
 *   <li>{@code briefLead}: with this probability one lap of a stint goes to a brief leader drawn by weight (the
 *       pit-cycle and restart leads that give real races many leaders besides the dominant ones);</li>
 *   <li>{@code fastestLapTemper}: fastest laps are drawn with the laps-led weights raised to this power, flatter,
 *       as any car on fresh tyres can set one; their strength term keeps only
 *       {@link RaceSimulator#FASTEST_LAP_STRENGTH_SHARE} of its size.</li>
 * </ul>
 * Each lap's leader keeps the weight distribution whatever the hold and brief-lead rates, so expected laps led do
 * not move (nor the model's kappa, fitted on expected shares); the two set only how one race's laps led are
 * spread: how concentrated, over how many leaders.
 *
 * <p><b>Fitted constants</b> ({@code bench/scripts/race/fit_archetype_chaos.py} on ../shared/data/nascar;
 * 2019-2023 loop data joined to 2015-2023 results on race date, 144 races with a caution share): the caution
 * share is {@code 1 - sum(fastest laps) / race laps} (fastest laps are awarded on green-flag laps only; median
 * green-flag share 0.83 over all races); logit-normal by the mean and sd of the logit; {@code dnfPerChaos} is the
 * OLS slope of a race's DNF rate on {@code c} divided by the mean rate; {@code strengthNoisePerChaos} from OLS of
 * {@code 1/rho^2} (Spearman start-finish among finishers) on {@code max(0, c)^2} with a start-only strength;
 * {@code teamSd} from the teammate intraclass correlation of (finish - start) mapped to the latent scale;
 * {@code frontBonus} by maximum likelihood of laps-led counts under weights {@code finish^-lambda}. {@code leadHold}
 * and {@code briefLead}: first fitted together so that replaying each race's stints, given its actual finish order
 * and laps completed, gives history's mean share of laps led by a race's top 3 leaders (0.41-0.64 with neither,
 * against 0.62-0.86) and its mean number of leaders (7.0-15.7 per race). The hold is then halved: the simulator's
 * stint weights also carry {@code exp(kappa * eta)}, which the replay lacks and which already concentrates laps led
 * on strong cars. Checked in the full model, a season held out from a fit on the seasons before it: with half the
 * replay's hold the observed top-3 share lies inside the posterior predictive 90% interval in 2021 (0.790 in
 * [0.760, 0.829]) and 2022 (0.729 in [0.708, 0.779]); the full hold overshoots (2022: [0.830, 0.889]), no hold
 * undershoots (2023, see bench/RESULTS.md). {@code fastestLapTemper} = lambda_f / frontBonus, with lambda_f the
 * maximum-likelihood exponent of the 2019-2023 fastest-lap counts under weights {@code finish^-lambda_f}. These are
 * moment-level estimates for simulation; Calibrate owns the strength model itself.
 *
 * @param logitMu               mean of logit(caution share)
 * @param logitSigma            sd of logit(caution share), >= 0
 * @param dnfPerChaos           relative change of DNF probability per chaos unit, >= 0
 * @param strengthNoisePerChaos sd of extra log-strength noise per chaos unit above average, >= 0
 * @param teamSd                sd of the per-team shared log-strength effect, >= 0
 * @param frontBonus            exponent of the finish-position factor in stint weights, >= 0
 * @param leadHold              probability that a running laps-led stint leader keeps the next stint, in [0, 1]
 * @param briefLead             probability that one lap of a laps-led stint goes to a brief leader, in [0, 1]
 * @param fastestLapTemper      power of the laps-led weights that fastest laps are drawn with, in [0, 1]
 */
public record ArchetypeChaos(double logitMu, double logitSigma, double dnfPerChaos, double strengthNoisePerChaos,
                             double teamSd, double frontBonus, double leadHold, double briefLead,
                             double fastestLapTemper) {

    /** Daytona, Talladega, Atlanta (2022+): mean caution share 0.211, DNF rate 0.286 (2015-2023). */
    public static final ArchetypeChaos SUPERSPEEDWAY = new ArchetypeChaos(-1.3442, 0.3223, 0.5182, 2.6705, 0.6161, 0.68, 0.271, 0.776, 0.24);
    /** 1.5-2 mile ovals: mean caution share 0.181, DNF rate 0.115. */
    public static final ArchetypeChaos INTERMEDIATE = new ArchetypeChaos(-1.6165, 0.6344, 0.7839, 1.6195, 0.2712, 1.15, 0.368, 0.298, 0.75);
    /** Short tracks: mean caution share 0.147, DNF rate 0.105. */
    public static final ArchetypeChaos SHORT_TRACK = new ArchetypeChaos(-1.8222, 0.4466, 0.9386, 3.3475, 0.3066, 1.21, 0.423, 0.118, 0.75);
    /** Road courses: mean caution share 0.203, DNF rate 0.106. */
    public static final ArchetypeChaos ROAD_COURSE = new ArchetypeChaos(-1.4901, 0.6664, 1.1624, 2.3749, 0.2589, 1.13, 0.233, 0.629, 0.82);

    public ArchetypeChaos {
        if (!(logitSigma >= 0 && dnfPerChaos >= 0 && strengthNoisePerChaos >= 0 && teamSd >= 0 && frontBonus >= 0)
                || !Double.isFinite(logitMu) || !(leadHold >= 0 && leadHold <= 1) || !(briefLead >= 0 && briefLead <= 1)
                || !(fastestLapTemper >= 0 && fastestLapTemper <= 1)) {
            throw new IllegalArgumentException("chaos parameters must be finite and non-negative (logitMu finite, "
                    + "leadHold, briefLead and fastestLapTemper in [0, 1]): " + logitMu + ", " + logitSigma + ", " + dnfPerChaos + ", "
                    + strengthNoisePerChaos + ", " + teamSd + ", " + frontBonus + ", " + leadHold + ", " + briefLead + ", "
                    + fastestLapTemper);
        }
    }

    /** The constants of an archetype by its ontology name (SUPERSPEEDWAY, INTERMEDIATE, SHORT_TRACK, ROAD_COURSE). */
    public static ArchetypeChaos of(String archetype) {
        return switch (archetype) {
            case "SUPERSPEEDWAY" -> SUPERSPEEDWAY;
            case "INTERMEDIATE" -> INTERMEDIATE;
            case "SHORT_TRACK" -> SHORT_TRACK;
            case "ROAD_COURSE" -> ROAD_COURSE;
            default -> throw new IllegalArgumentException("unknown archetype " + archetype);
        };
    }

    /** No chaos: a fixed caution share, no noise, no team effect, no lead spells, fastest laps on the laps-led weights, DNF probabilities as given. */
    public static ArchetypeChaos calm(double cautionShare, double frontBonus) {
        if (!(cautionShare > 0 && cautionShare < 1)) {
            throw new IllegalArgumentException("caution share must be in (0, 1): " + cautionShare);
        }
        return new ArchetypeChaos(Math.log(cautionShare / (1 - cautionShare)), 0, 0, 0, 0, frontBonus, 0, 0, 1);
    }

    /** Caution share of a scenario whose chaos normal is {@code z}. */
    public double cautionShare(double z) {
        return 1 / (1 + Math.exp(-(logitMu + logitSigma * z)));
    }

    /** {@code E[q]} of the logit-normal, by Simpson's rule over z in [-10, 10] (error far below 1e-12). */
    public double meanCautionShare() {
        int m = 4000;
        double h = 20.0 / m;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double z = -10 + i * h;
            double w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * cautionShare(z) * Math.exp(-0.5 * z * z);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }
}
