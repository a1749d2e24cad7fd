package slipstream.server.neo4j;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import slipstream.server.util.Csv;

/**
 * At start-up: creates the ontology schema (idempotent), and on an embedded store that has no demo slate yet,
 * seeds the demo ontology from the bundled files derived from real NASCAR Cup data (see data/NOTICE).
 */
@Context
public class OntologyBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(OntologyBootstrap.class);
    /** DraftKings NASCAR classic finish points for places 1..40 (DESIGN.md). */
    static final List<Double> DK_FINISH_POINTS = Arrays.stream(new double[] {
            45, 42, 41, 40, 39, 38, 37, 36, 35, 34, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23,
            21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}).boxed().toList();

    public OntologyBootstrap(Neo4jConnection connection,
                             @Value("${neo4j.seed-demo:true}") boolean seedDemo) {
        Driver driver = connection.driver();
        for (String statement : OntologySchema.STATEMENTS) {
            driver.executableQuery(statement).execute();
        }
        if (connection.isEmbedded() && seedDemo && !demoPresent(driver)) {
            seedDemo(driver);
        }
    }

    private static boolean demoPresent(Driver driver) {
        return !driver.executableQuery("MATCH (s:Slate {id: $id}) RETURN s.id")
                .withParameters(Map.of("id", "demo")).execute().records().isEmpty();
    }

    /** Writes the demo ontology in one transaction, so a crash mid-seed leaves nothing half-written. */
    public static void seedDemo(Driver driver) {
        long started = System.nanoTime();
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                tx.run("""
                        MERGE (s:ScoringTable {id: 'draftkings-nascar-classic'})
                        SET s.finishPoints = $finish, s.placeDifferentialPoints = 1.0,
                            s.lapLedPoints = 0.25, s.fastestLapPoints = 0.45""",
                        Map.of("finish", DK_FINISH_POINTS)).consume();
                tx.run("UNWIND $rows AS r MERGE (d:Driver {id: r.driver_id}) SET d.name = r.name",
                        Map.of("rows", Csv.readResource("demo/drivers.csv"))).consume();
                tx.run("UNWIND $rows AS r MERGE (t:Team {id: r.team_id}) SET t.name = r.name",
                        Map.of("rows", Csv.readResource("demo/teams.csv"))).consume();
                tx.run("""
                        UNWIND $rows AS r MERGE (t:Track {id: r.track_id})
                        SET t.name = r.name, t.lengthMiles = toFloat(r.length_miles), t.surface = r.surface,
                            t.archetype = r.archetype, t.scheduledLaps = toInteger(r.scheduled_laps)""",
                        Map.of("rows", Csv.readResource("demo/tracks.csv"))).consume();
                tx.run("""
                        UNWIND $rows AS r
                        MATCH (t:Track {id: r.track_id}), (sc:ScoringTable {id: r.scoring_table})
                        MERGE (s:Slate {id: r.slate_id})
                        SET s.name = r.name, s.raceDate = r.race_date, s.raceLaps = toInteger(r.race_laps),
                            s.salaryCap = toInteger(r.salary_cap), s.rosterSize = toInteger(r.roster_size)
                        MERGE (s)-[:AT]->(t)
                        MERGE (s)-[:SCORED_BY]->(sc)""",
                        Map.of("rows", Csv.readResource("demo/slates.csv"))).consume();
                tx.run("""
                        UNWIND $rows AS r
                        MATCH (s:Slate {id: r.slate_id}), (d:Driver {id: r.driver_id}), (t:Team {id: r.team_id})
                        CREATE (e:Entry {salary: toInteger(r.salary), carNumber: r.car_number,
                                         startPosition: toInteger(r.start_position), sitePlayerId: ''})
                        CREATE (e)-[:IN]->(s), (e)-[:OF]->(d), (e)-[:FOR]->(t)""",
                        Map.of("rows", Csv.readResource("demo/entries.csv"))).consume();
                tx.run("""
                        UNWIND $rows AS r
                        MATCH (s:Slate {id: r.slate_id})
                        MERGE (v:VetoRule {id: r.rule_id}) SET v.kind = r.kind, v.reason = r.reason
                        MERGE (v)-[:IN]->(s)
                        WITH v, split(r.driver_ids, '|') AS ids
                        UNWIND ids AS id MATCH (d:Driver {id: id}) MERGE (v)-[:NAMES]->(d)""",
                        Map.of("rows", Csv.readResource("demo/vetoes.csv"))).consume();
                return null;
            });
        }
        LOG.info("seeded the demo ontology (slate 'demo') in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
