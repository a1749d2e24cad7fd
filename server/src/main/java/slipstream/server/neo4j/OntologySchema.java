package slipstream.server.neo4j;

import java.util.List;

/**
 * The ontology's node labels, relationships and constraints (documented in the README):
 * <pre>
 * (:Driver {id, name})                 (:Team {id, name})
 * (:Track {id, name, lengthMiles, surface, archetype, scheduledLaps})
 * (:ScoringTable {id, finishPoints, placeDifferentialPoints, lapLedPoints, fastestLapPoints})
 * (:Slate {id, name, raceDate, raceLaps, salaryCap, rosterSize})-[:AT]->(:Track), -[:SCORED_BY]->(:ScoringTable)
 * (:Entry {salary, carNumber, startPosition, sitePlayerId})-[:IN]->(:Slate), -[:OF]->(:Driver), -[:FOR]->(:Team)
 * (:VetoRule {id, kind, reason})-[:IN]->(:Slate), -[:NAMES]->(:Driver)
 * </pre>
 * Entries carry no uniqueness constraint on purpose: a driver entered twice must reach CompileSpec's
 * validation, which names both entries, rather than fail an unrelated write.
 */
public final class OntologySchema {

    private OntologySchema() {}

    /** Idempotent schema statements run at start-up. */
    public static final List<String> STATEMENTS = List.of(
            "CREATE CONSTRAINT driver_id IF NOT EXISTS FOR (d:Driver) REQUIRE d.id IS UNIQUE",
            "CREATE CONSTRAINT team_id IF NOT EXISTS FOR (t:Team) REQUIRE t.id IS UNIQUE",
            "CREATE CONSTRAINT track_id IF NOT EXISTS FOR (t:Track) REQUIRE t.id IS UNIQUE",
            "CREATE CONSTRAINT slate_id IF NOT EXISTS FOR (s:Slate) REQUIRE s.id IS UNIQUE",
            "CREATE CONSTRAINT veto_id IF NOT EXISTS FOR (v:VetoRule) REQUIRE v.id IS UNIQUE",
            "CREATE CONSTRAINT scoring_id IF NOT EXISTS FOR (s:ScoringTable) REQUIRE s.id IS UNIQUE",
            "CREATE INDEX track_archetype IF NOT EXISTS FOR (t:Track) ON (t.archetype)");
}
