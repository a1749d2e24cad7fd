package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.NutsMetric;
import slipstream.proto.v1.TrackArchetype;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;

/**
 * A validated Calibrate request with its defaults applied. Every bad field is reported at once.
 *
 * @param scoringScenarios simulated scenarios per held-out race used for scoring
 * @param denseMetric      adapt a dense metric instead of a diagonal one
 */
public record CalibrationPlan(SeasonWindow train, SeasonWindow holdout, Set<TrackArchetype> archetypes,
                              int chains, int warmup, int draws, long seed, double targetAccept,
                              int maxTreeDepth, String featureSet, int scoringScenarios, boolean denseMetric) {

    public static final int DEFAULT_CHAINS = 4;
    public static final int DEFAULT_WARMUP = 1000;
    public static final int DEFAULT_DRAWS = 1000;
    public static final double DEFAULT_TARGET_ACCEPT = 0.8;
    public static final int DEFAULT_MAX_TREE_DEPTH = 10;
    public static final int DEFAULT_SCORING_SCENARIOS = 4000;
    public static final String STANDARD_FEATURES = "standard";

    public static CalibrationPlan from(CalibrateRequest r) {
        List<FieldViolation> bad = new ArrayList<>();
        SeasonWindow train = window(bad, "train_seasons", r.getTrainSeasons(), "train_start_date",
                r.getTrainStartDate(), "train_end_date", r.getTrainEndDate());
        SeasonWindow holdout = window(bad, "holdout_seasons", r.getHoldoutSeasons(), "holdout_start_date",
                r.getHoldoutStartDate(), "holdout_end_date", r.getHoldoutEndDate());
        if (train != null && holdout != null && train.overlaps(holdout)) {
            bad.add(new FieldViolation("holdout_seasons", "held-out window " + holdout.label()
                    + " overlaps the training window " + train.label() + "; held-out races must be unseen"));
        }
        Set<TrackArchetype> archetypes = EnumSet.noneOf(TrackArchetype.class);
        for (int i = 0; i < r.getArchetypesCount(); i++) {
            TrackArchetype a = r.getArchetypes(i);
            if (a == TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED || a == TrackArchetype.UNRECOGNIZED) {
                bad.add(new FieldViolation("archetypes[" + i + "]", "must be a named archetype (or leave the list empty for all)"));
            } else {
                archetypes.add(a);
            }
        }
        if (archetypes.isEmpty()) {
            archetypes = EnumSet.of(TrackArchetype.TRACK_ARCHETYPE_SUPERSPEEDWAY, TrackArchetype.TRACK_ARCHETYPE_INTERMEDIATE,
                    TrackArchetype.TRACK_ARCHETYPE_SHORT_TRACK, TrackArchetype.TRACK_ARCHETYPE_ROAD_COURSE);
        }
        int chains = orDefault(r.getChains(), DEFAULT_CHAINS, "chains", 1, 16, bad);
        int warmup = r.getWarmup() == 0 ? DEFAULT_WARMUP : bounded(r.getWarmup(), "warmup", 1, 20_000, bad);
        int draws = orDefault(r.getDraws(), DEFAULT_DRAWS, "draws", 1, 20_000, bad);
        int depth = orDefault(r.getMaxTreeDepth(), DEFAULT_MAX_TREE_DEPTH, "max_tree_depth", 1, 15, bad);
        int scenarios = orDefault(r.getScoringScenarios(), DEFAULT_SCORING_SCENARIOS, "scoring_scenarios", 100, 100_000, bad);
        double target = r.getTargetAccept() == 0 ? DEFAULT_TARGET_ACCEPT : r.getTargetAccept();
        if (!(target > 0 && target < 1)) {
            bad.add(new FieldViolation("target_accept", "must be in (0, 1), e.g. 0.8 or 0.95; got " + r.getTargetAccept()));
        }
        String featureSet = r.getFeatureSet().isEmpty() ? STANDARD_FEATURES : r.getFeatureSet();
        if (!featureSet.equals(STANDARD_FEATURES)) {
            bad.add(new FieldViolation("feature_set", "unknown feature set \"" + featureSet + "\"; available: standard"));
        }
        if (r.getMetric() == NutsMetric.UNRECOGNIZED) {
            bad.add(new FieldViolation("metric", "must be NUTS_METRIC_DIAGONAL or NUTS_METRIC_DENSE; got "
                    + r.getMetricValue()));
        }
        if (!bad.isEmpty()) {
            throw new InvalidArgumentException(bad);
        }
        return new CalibrationPlan(train, holdout, archetypes, chains, warmup, draws, r.getSeed(), target, depth,
                featureSet, scenarios, r.getMetric() == NutsMetric.NUTS_METRIC_DENSE);
    }

    private static SeasonWindow window(List<FieldViolation> bad, String seasonsField, String seasons,
                                       String fromField, String from, String toField, String to) {
        boolean bySeason = !seasons.isBlank();
        boolean byDate = !from.isEmpty() || !to.isEmpty();
        if (bySeason && byDate) {
            bad.add(new FieldViolation(seasonsField, "give either " + seasonsField + " or " + fromField + "/" + toField + ", not both"));
            return null;
        }
        if (!bySeason && !byDate) {
            bad.add(new FieldViolation(seasonsField, "is required (e.g. \"2015-2022\"), or give " + fromField + " and " + toField));
            return null;
        }
        return bySeason ? SeasonWindow.seasons(seasonsField, seasons, bad) : SeasonWindow.dates(fromField, from, toField, to, bad);
    }

    private static int orDefault(int value, int fallback, String field, int min, int max, List<FieldViolation> bad) {
        return value == 0 ? fallback : bounded(value, field, min, max, bad);
    }

    private static int bounded(int value, String field, int min, int max, List<FieldViolation> bad) {
        if (value < min || value > max) {
            bad.add(new FieldViolation(field, "must be " + min + ".." + max + " (0 means the default); got " + value));
        }
        return value;
    }
}
