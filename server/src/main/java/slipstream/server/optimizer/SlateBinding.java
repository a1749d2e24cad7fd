package slipstream.server.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import slipstream.kernels.portfolio.LineupSearch;
import slipstream.kernels.portfolio.PortfolioConstraints;
import slipstream.kernels.portfolio.RunControl;
import slipstream.kernels.portfolio.SlateRules;
import slipstream.kernels.portfolio.VetoGroup;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.spec.ConstraintSpec;

/**
 * Binds a request to a spec: driver and team ids become indices (unknown ids are INVALID_ARGUMENT naming the
 * field), the spec's veto rules and the request's locks, excludes and floor become {@link SlateRules}, and the
 * exposure limits become {@link PortfolioConstraints}. Drivers are indexed in the spec's entry order.
 */
public record SlateBinding(ConstraintSpec spec, SlateRules rules, PortfolioConstraints limits, String[] driverIds,
                           double[] givenOwnership) {

    public static SlateBinding of(ConstraintSpec spec, OptimizePlan plan) {
        List<ConstraintSpec.Entry> entries = spec.entries();
        int n = entries.size();
        if (n > SlateRules.MAX_DRIVERS) {
            throw InvalidArgumentException.of("spec_id", "the spec has " + n + " entries; at most "
                    + SlateRules.MAX_DRIVERS + " are supported");
        }
        Map<String, Integer> driverIndex = new HashMap<>();
        String[] ids = new String[n];
        int[] salary = new int[n];
        for (int d = 0; d < n; d++) {
            ids[d] = entries.get(d).driverId();
            driverIndex.put(ids[d], d);
            salary[d] = entries.get(d).salary();
        }
        Map<String, Integer> teamIndex = new HashMap<>();
        for (ConstraintSpec.Team t : spec.teams()) {
            teamIndex.put(t.teamId(), teamIndex.size());
        }
        int[] team = new int[n];
        for (int d = 0; d < n; d++) {
            team[d] = teamIndex.getOrDefault(entries.get(d).teamId(), -1);
        }
        List<FieldViolation> bad = new ArrayList<>();
        long locked = mask("locked_driver_ids", plan.locks(), driverIndex, bad);
        long excluded = mask("excluded_driver_ids", plan.excludes(), driverIndex, bad);
        double[] minExposure = new double[n];
        double[] maxExposure = new double[n];
        java.util.Arrays.fill(maxExposure, Double.NaN);
        int i = 0;
        for (var e : plan.driverExposure().entrySet()) {
            Integer d = driverIndex.get(e.getKey());
            if (d == null) {
                bad.add(new FieldViolation("driver_exposures[" + i + "].driver_id", unknownDriver(e.getKey(), spec)));
            } else {
                minExposure[d] = e.getValue()[0];
                maxExposure[d] = e.getValue()[1];
            }
            i++;
        }
        double[] teamMax = new double[teamIndex.size()];
        java.util.Arrays.fill(teamMax, Double.NaN);
        i = 0;
        for (var e : plan.teamMaxExposure().entrySet()) {
            Integer t = teamIndex.get(e.getKey());
            if (t == null) {
                bad.add(new FieldViolation("team_exposures[" + i + "].team_id", "team '" + e.getKey()
                        + "' has no entry in spec " + spec.specId() + "; teams: " + teamIndex.keySet()));
            } else {
                teamMax[t] = e.getValue();
            }
            i++;
        }
        i = 0;
        for (String id : plan.contest().ownership().keySet()) {
            if (!driverIndex.containsKey(id)) {
                bad.add(new FieldViolation("contest.ownership[" + i + "].driver_id", unknownDriver(id, spec)));
            }
            i++;
        }
        if (plan.minUniqueDrivers() > spec.rosterSize()) {
            bad.add(new FieldViolation("min_unique_drivers", "must be at most the roster size " + spec.rosterSize()));
        }
        if (plan.salaryFloor() > spec.salaryCap()) {
            bad.add(new FieldViolation("salary_floor", "must be at most the salary cap " + spec.salaryCap()));
        }
        if (plan.contest().opponentSalaryFloor() > spec.salaryCap()) {
            bad.add(new FieldViolation("contest.opponent_salary_floor", "must be at most the salary cap "
                    + spec.salaryCap()));
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        long slateExcluded = 0;
        List<VetoGroup> vetoes = new ArrayList<>();
        for (ConstraintSpec.Veto v : spec.vetoes()) {
            long members = 0;
            for (String id : v.driverIds()) {
                Integer d = driverIndex.get(id);
                if (d != null) {
                    members |= 1L << d;
                }
            }
            if (v.kind().equals("EXCLUDED")) {
                slateExcluded |= members;
            } else if (Long.bitCount(members) >= 2) {
                vetoes.add(new VetoGroup(v.ruleId(), members, Long.bitCount(members) - 1));
            }
        }
        SlateRules rules = new SlateRules(salary, team, spec.rosterSize(), spec.salaryCap(), plan.salaryFloor(),
                slateExcluded, excluded, locked, vetoes);
        double[] givenOwnership = givenOwnership(plan.contest().ownership(), ids);
        requireOpponentLineup(givenOwnership, plan.contest().opponentSalaryFloor(), rules);
        PortfolioConstraints limits = PortfolioConstraints.fromExposures(plan.portfolioSize(), n, plan.maxExposure(),
                minExposure, maxExposure, teamMax, plan.minUniqueDrivers());
        return new SlateBinding(spec, rules, limits, ids, givenOwnership);
    }

    /** The request's ownership per driver index (unlisted drivers 0), or null for the default ownership. */
    private static double[] givenOwnership(Map<String, Double> ownership, String[] ids) {
        if (ownership.isEmpty()) {
            return null;
        }
        double[] own = new double[ids.length];
        for (int d = 0; d < ids.length; d++) {
            own[d] = ownership.getOrDefault(ids[d], 0.0);
        }
        return own;
    }

    /**
     * Opponents draw only drivers with positive ownership and spend at least the opponent salary floor: at least
     * one such lineup must fit the cap and the vetoes, or no opponent could be drawn. The default ownership is
     * positive for every slate-eligible driver, so without a floor this holds whenever our own lineups fit the
     * slate, which the feasibility check proves before the field is drawn.
     *
     * @param givenOwnership the request's ownership, or null for the default
     */
    private static void requireOpponentLineup(double[] givenOwnership, int opponentFloor, SlateRules rules) {
        if (givenOwnership == null && opponentFloor == 0) {
            return;
        }
        SlateRules field = rules.forField(opponentFloor);
        long usable = field.slateEligible();
        if (givenOwnership != null) {
            for (int d = 0; d < givenOwnership.length; d++) {
                if (!(givenOwnership[d] > 0)) {
                    usable &= ~(1L << d);
                }
            }
        }
        long[] lineup = new long[1];
        int found = new LineupSearch(field).solve(new double[field.drivers()], 0, field.slateEligible() & ~usable, 1,
                lineup, new double[1], RunControl.none());
        if (found == 0) {
            String why = Long.bitCount(usable) + " eligible drivers " + (givenOwnership == null ? ""
                    : "have positive ownership (drivers not listed have 0) ") + "and no lineup of " + rules.roster()
                    + " of them fits the salary cap " + rules.salaryCap() + (opponentFloor > 0
                    ? ", the opponent salary floor " + opponentFloor : "") + " and the vetoes";
            List<FieldViolation> bad = new ArrayList<>();
            if (givenOwnership != null) {
                bad.add(new FieldViolation("contest.ownership", why));
            }
            if (opponentFloor > 0) {
                bad.add(new FieldViolation("contest.opponent_salary_floor", why));
            }
            throw new InvalidArgumentException(bad);
        }
    }

    /** Spec team ids by team index (the index of {@link SlateRules#team}). */
    public String[] teamIds() {
        return spec.teams().stream().map(ConstraintSpec.Team::teamId).toArray(String[]::new);
    }

    private static long mask(String field, List<String> ids, Map<String, Integer> index, List<FieldViolation> bad) {
        long m = 0;
        for (int i = 0; i < ids.size(); i++) {
            Integer d = index.get(ids.get(i));
            if (d == null) {
                bad.add(new FieldViolation(field + "[" + i + "]", "driver '" + ids.get(i) + "' is not entered in the spec"));
            } else {
                m |= 1L << d;
            }
        }
        return m;
    }

    private static String unknownDriver(String id, ConstraintSpec spec) {
        return "driver '" + id + "' is not entered in spec " + spec.specId();
    }
}
