package slipstream.server.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slipstream.kernels.portfolio.ContestField;
import slipstream.proto.v1.ContestSettings;
import slipstream.proto.v1.Objective;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.PayoutTier;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.spec.SpecService;

/**
 * A validated Optimize request with defaults applied; every malformed field is reported at once. Checks that
 * need the spec (unknown driver ids, infeasible constraints) happen later, against the spec.
 */
public record OptimizePlan(String specId, String calibrationId, long seed, int scenarioCount, Objective objective,
                           int portfolioSize, double maxExposure, Map<String, double[]> driverExposure,
                           Map<String, Double> teamMaxExposure, int minUniqueDrivers, List<String> locks,
                           List<String> excludes, int salaryFloor, Contest contest, double cvarAlpha,
                           double tailThreshold, List<Double> reportCvarLevels, int validationScenarioCount,
                           List<Double> reportTopFractions) {

    public static final int DEFAULT_SCENARIOS = 10_000;
    public static final int MAX_SCENARIOS = 1_000_000;
    public static final int MAX_PORTFOLIO = 150;
    /** Top fractions of the field each lineup reports its probability of beating, when the request names none. */
    public static final List<Double> DEFAULT_TOP_FRACTIONS = List.of(0.001, 0.01, 0.05);

    /**
     * Contest settings with defaults: 10,000 entries, fee 1, 15% rake, default payouts, default ownership, no
     * opponent salary floor.
     */
    public record Contest(int fieldSize, double entryFee, double rake, List<PayoutTier> payouts,
                          Map<String, Double> ownership, int simulatedOpponents, int opponentSalaryFloor) {}

    public static OptimizePlan from(OptimizeRequest r) {
        List<FieldViolation> bad = new ArrayList<>();
        try {
            SpecService.requireSpecId("spec_id", r.getSpecId());
        } catch (InvalidArgumentException e) {
            bad.addAll(e.violations());
        }
        if (!r.getCalibrationId().isEmpty() && !r.getCalibrationId().matches("[0-9a-f]{64}")) {
            bad.add(new FieldViolation("calibration_id", "must be a 64-hex-character calibration id, or empty for the active one"));
        }
        int scenarios = r.getScenarioCount() == 0 ? DEFAULT_SCENARIOS : r.getScenarioCount();
        if (scenarios < 1 || scenarios > MAX_SCENARIOS) {
            bad.add(new FieldViolation("scenario_count", "must be 1.." + MAX_SCENARIOS + " (0 means " + DEFAULT_SCENARIOS + "); got " + r.getScenarioCount()));
        }
        Objective objective = r.getObjective() == Objective.OBJECTIVE_UNSPECIFIED ? Objective.OBJECTIVE_MEAN_POINTS : r.getObjective();
        if (objective == Objective.UNRECOGNIZED) {
            bad.add(new FieldViolation("objective", "unknown objective value " + r.getObjectiveValue()));
        }
        int portfolio = r.getPortfolioSize() == 0 ? 1 : r.getPortfolioSize();
        if (portfolio < 1 || portfolio > MAX_PORTFOLIO) {
            bad.add(new FieldViolation("portfolio_size", "must be 1.." + MAX_PORTFOLIO + "; got " + r.getPortfolioSize()));
        }
        double maxExposure = r.getMaxExposure() == 0 ? 1.0 : r.getMaxExposure();
        if (!(maxExposure > 0 && maxExposure <= 1)) {
            bad.add(new FieldViolation("max_exposure", "must be in (0, 1] (0 means 1, no cap); got " + r.getMaxExposure()));
        }
        Map<String, double[]> driverExposure = new LinkedHashMap<>();
        for (int i = 0; i < r.getDriverExposuresCount(); i++) {
            var e = r.getDriverExposures(i);
            String field = "driver_exposures[" + i + "]";
            double max = e.getMaxExposure() == 0 ? 1.0 : e.getMaxExposure();
            if (e.getDriverId().isEmpty()) {
                bad.add(new FieldViolation(field + ".driver_id", "is required"));
            } else if (driverExposure.containsKey(e.getDriverId())) {
                bad.add(new FieldViolation(field + ".driver_id", "duplicates an earlier entry for " + e.getDriverId()));
            }
            if (!(e.getMinExposure() >= 0 && e.getMinExposure() <= 1)) {
                bad.add(new FieldViolation(field + ".min_exposure", "must be in [0, 1]; got " + e.getMinExposure()));
            }
            if (!(max > 0 && max <= 1) || max < e.getMinExposure()) {
                bad.add(new FieldViolation(field + ".max_exposure", "must be in (0, 1] and >= min_exposure; got " + e.getMaxExposure()));
            }
            driverExposure.put(e.getDriverId(), new double[] {e.getMinExposure(), max});
        }
        Map<String, Double> teamExposure = new LinkedHashMap<>();
        for (int i = 0; i < r.getTeamExposuresCount(); i++) {
            var t = r.getTeamExposures(i);
            String field = "team_exposures[" + i + "]";
            if (t.getTeamId().isEmpty()) {
                bad.add(new FieldViolation(field + ".team_id", "is required"));
            }
            if (!(t.getMaxExposure() >= 0 && t.getMaxExposure() <= 1)) {
                bad.add(new FieldViolation(field + ".max_exposure", "must be in [0, 1]; got " + t.getMaxExposure()));
            }
            teamExposure.put(t.getTeamId(), t.getMaxExposure());
        }
        int minUnique = r.getMinUniqueDrivers() == 0 ? 1 : r.getMinUniqueDrivers();
        if (r.getMinUniqueDrivers() < 0 || r.getMinUniqueDrivers() > 10) {
            bad.add(new FieldViolation("min_unique_drivers", "must be 0..roster size (0 means 1); got " + r.getMinUniqueDrivers()));
        }
        List<String> locks = r.getLockedDriverIdsList();
        List<String> excludes = r.getExcludedDriverIdsList();
        for (int i = 0; i < locks.size(); i++) {
            if (excludes.contains(locks.get(i))) {
                bad.add(new FieldViolation("locked_driver_ids[" + i + "]", locks.get(i) + " is also excluded"));
            }
        }
        if (r.getSalaryFloor() < 0) {
            bad.add(new FieldViolation("salary_floor", "must be >= 0; got " + r.getSalaryFloor()));
        }
        double alpha = r.getCvarAlpha() == 0 ? 0.95 : r.getCvarAlpha();
        if (!(alpha > 0 && alpha < 1)) {
            bad.add(new FieldViolation("cvar_alpha", "must be in (0, 1) (0 means 0.95); got " + r.getCvarAlpha()));
        }
        if (r.getTailThreshold() < 0) {
            bad.add(new FieldViolation("tail_threshold", "must be >= 0 (0 means the field's top-1% score); got " + r.getTailThreshold()));
        }
        List<Double> levels = r.getReportCvarLevelsCount() == 0 ? List.of(0.95, 0.99) : r.getReportCvarLevelsList();
        for (int i = 0; i < levels.size(); i++) {
            if (!(levels.get(i) > 0 && levels.get(i) < 1)) {
                bad.add(new FieldViolation("report_cvar_levels[" + i + "]", "must be in (0, 1); got " + levels.get(i)));
            }
        }
        List<Double> fractions = r.getReportTopFractionsCount() == 0 ? DEFAULT_TOP_FRACTIONS : r.getReportTopFractionsList();
        for (int i = 0; i < fractions.size(); i++) {
            if (!(fractions.get(i) > 0 && fractions.get(i) <= ContestField.KEPT_TOP_FRACTION)) {
                bad.add(new FieldViolation("report_top_fractions[" + i + "]", "must be in (0, "
                        + ContestField.KEPT_TOP_FRACTION
                        + "] (the field's kept top reaches that far); got " + fractions.get(i)));
            }
        }
        int validation = r.getValidationScenarioCount();
        // Both sets are simulated together: their sum is what the scenario limit bounds.
        int room = scenarios >= 1 && scenarios <= MAX_SCENARIOS ? MAX_SCENARIOS - scenarios : MAX_SCENARIOS;
        if (validation < 0 || validation > room) {
            bad.add(new FieldViolation("validation_scenario_count", "must be 0.." + room + " (" + MAX_SCENARIOS
                    + " minus scenario_count; 0 means no out-of-sample check); got " + validation));
        }
        Contest contest = contest(r.getContest(), portfolio, bad);
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        return new OptimizePlan(r.getSpecId(), r.getCalibrationId(), r.getSeed(), scenarios, objective, portfolio,
                maxExposure, driverExposure, teamExposure, minUnique, locks, excludes, r.getSalaryFloor(), contest,
                alpha, r.getTailThreshold(), levels, validation, fractions);
    }

    private static Contest contest(ContestSettings c, int portfolio, List<FieldViolation> bad) {
        int fieldSize = c.getFieldSize() == 0 ? 10_000 : c.getFieldSize();
        if (fieldSize < 2 || fieldSize > 1_000_000) {
            bad.add(new FieldViolation("contest.field_size", "must be 2..1000000 (0 means 10000); got " + c.getFieldSize()));
        } else if (fieldSize <= portfolio) {
            // Our lineups are entries of the one shared field: it must hold them and at least one opponent.
            bad.add(new FieldViolation("contest.field_size", "must exceed portfolio_size " + portfolio
                    + " (the field holds our lineups and its opponents); got " + fieldSize));
        }
        double fee = c.getEntryFee() == 0 ? 1.0 : c.getEntryFee();
        if (!(fee > 0)) {
            bad.add(new FieldViolation("contest.entry_fee", "must be > 0; got " + c.getEntryFee()));
        }
        double rake = c.getRake() == 0 ? 0.15 : c.getRake();
        if (!(rake >= 0 && rake <= 0.5)) {
            bad.add(new FieldViolation("contest.rake", "must be in [0, 0.5] (0 means 0.15); got " + c.getRake()));
        }
        for (int i = 0; i < c.getPayoutsCount(); i++) {
            PayoutTier t = c.getPayouts(i);
            String field = "contest.payouts[" + i + "]";
            if (t.getFirstRank() < 1 || t.getLastRank() < t.getFirstRank()) {
                bad.add(new FieldViolation(field, "needs 1 <= first_rank <= last_rank; got " + t.getFirstRank() + ".." + t.getLastRank()));
            } else if (t.getLastRank() > fieldSize) {
                bad.add(new FieldViolation(field + ".last_rank", "exceeds the field size " + fieldSize));
            }
            if (!(t.getShare() > 0)) {
                bad.add(new FieldViolation(field + ".share", "must be > 0; got " + t.getShare()));
            }
        }
        Map<String, Double> ownership = new LinkedHashMap<>();
        for (int i = 0; i < c.getOwnershipCount(); i++) {
            var o = c.getOwnership(i);
            if (o.getDriverId().isEmpty()) {
                bad.add(new FieldViolation("contest.ownership[" + i + "].driver_id", "is required"));
            } else if (ownership.containsKey(o.getDriverId())) {
                bad.add(new FieldViolation("contest.ownership[" + i + "].driver_id", "duplicates an earlier entry for "
                        + o.getDriverId()));
            }
            if (!(o.getOwnership() >= 0 && o.getOwnership() <= 1)) {
                bad.add(new FieldViolation("contest.ownership[" + i + "].ownership", "must be in [0, 1]; got " + o.getOwnership()));
            }
            ownership.put(o.getDriverId(), o.getOwnership());
        }
        int opponents = c.getSimulatedOpponents() == 0 ? Math.min(fieldSize - 1, 2000) : c.getSimulatedOpponents();
        if (c.getSimulatedOpponents() != 0 && (c.getSimulatedOpponents() < 10 || c.getSimulatedOpponents() > 100_000)) {
            bad.add(new FieldViolation("contest.simulated_opponents", "must be 10..100000 (0 means min(field_size - 1, 2000)); got "
                    + c.getSimulatedOpponents()));
        }
        if (c.getOpponentSalaryFloor() < 0) {
            bad.add(new FieldViolation("contest.opponent_salary_floor", "must be >= 0 (0 means no floor); got "
                    + c.getOpponentSalaryFloor()));
        }
        return new Contest(fieldSize, fee, rake, c.getPayoutsList(), ownership, opponents, c.getOpponentSalaryFloor());
    }
}
