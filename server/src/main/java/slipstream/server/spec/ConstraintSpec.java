package slipstream.server.spec;

import java.util.List;

/**
 * The compiled, immutable description of a slate: everything Optimize needs, nothing read from Neo4j later.
 * Collections are unmodifiable and sorted (entries and teams by id, vetoes by rule id) so the canonical form,
 * and therefore {@link #specId()}, depends only on content.
 */
public record ConstraintSpec(
        String specId,
        String slateId,
        String slateName,
        String raceDate,
        Track track,
        int raceLaps,
        int salaryCap,
        int rosterSize,
        ScoringRules scoring,
        List<Entry> entries,
        List<Team> teams,
        List<Veto> vetoes) {

    public ConstraintSpec {
        entries = List.copyOf(entries);
        teams = List.copyOf(teams);
        vetoes = List.copyOf(vetoes);
    }

    /** Same content under a given id. */
    public ConstraintSpec withId(String id) {
        return new ConstraintSpec(id, slateId, slateName, raceDate, track, raceLaps, salaryCap, rosterSize, scoring,
                entries, teams, vetoes);
    }

    /** A track configuration with its model archetype (SUPERSPEEDWAY, INTERMEDIATE, SHORT_TRACK, ROAD_COURSE). */
    public record Track(String trackId, String name, double lengthMiles, String surface, String archetype,
                        int scheduledLaps) {}

    /** A team. */
    public record Team(String teamId, String name) {}

    /** A driver entered in the slate; startPosition 0 when qualifying is not known yet. */
    public record Entry(String driverId, String driverName, String teamId, String carNumber, int salary,
                        int startPosition, String sitePlayerId) {}

    /** A veto: NOT_TOGETHER (two or more drivers) or EXCLUDED (one driver). */
    public record Veto(String ruleId, String kind, List<String> driverIds, String reason) {
        public Veto {
            driverIds = List.copyOf(driverIds);
        }
    }

    /** Fantasy scoring rules as data. */
    public record ScoringRules(String name, List<Double> finishPoints, double placeDifferentialPoints,
                               double lapLedPoints, double fastestLapPoints) {
        public ScoringRules {
            finishPoints = List.copyOf(finishPoints);
        }
    }
}
