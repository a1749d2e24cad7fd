package slipstream.server.spec;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import slipstream.server.error.NotFoundException;
import slipstream.server.error.UnavailableException;
import slipstream.server.neo4j.Neo4jConnection;

/**
 * Reads everything a slate needs in one read-routed, parameterised query (one round trip): the slate, its
 * track(s) and scoring table(s), its entries with driver and team, and its veto rules with the drivers they
 * name. Nothing is concatenated into Cypher; the slate id travels only as a parameter. Relationships that
 * should be unique are collected as lists, so that the compiler can report duplicates rather than the query
 * silently multiplying rows.
 */
@Singleton
public class OntologyReader {

    static final String SLATE_QUERY = """
            MATCH (s:Slate {id: $slateId})
            RETURN properties(s) AS slate,
              COLLECT { MATCH (s)-[:AT]->(t:Track) RETURN properties(t) } AS tracks,
              COLLECT { MATCH (s)-[:SCORED_BY]->(sc:ScoringTable) RETURN properties(sc) } AS scorings,
              COLLECT { MATCH (e:Entry)-[:IN]->(s)
                        RETURN { node: elementId(e), props: properties(e),
                                 drivers: COLLECT { MATCH (e)-[:OF]->(d:Driver) RETURN properties(d) },
                                 teams: COLLECT { MATCH (e)-[:FOR]->(tm:Team) RETURN properties(tm) } } } AS entries,
              COLLECT { MATCH (v:VetoRule)-[:IN]->(s)
                        RETURN { props: properties(v),
                                 drivers: COLLECT { MATCH (v)-[:NAMES]->(d:Driver) RETURN d.id } } } AS vetoes
            """;

    private final Neo4jConnection neo4j;

    public OntologyReader(Neo4jConnection neo4j) {
        this.neo4j = neo4j;
    }

    /** The raw slate as read: property maps, not yet validated. */
    public record SlateRead(String slateId, Map<String, Value> slate, List<Value> tracks, List<Value> scorings,
                            List<Value> entries, List<Value> vetoes, int rowsRead) {}

    public SlateRead read(String slateId) {
        List<Record> records;
        try {
            records = neo4j.driver().executableQuery(SLATE_QUERY)
                    .withParameters(Map.of("slateId", slateId))
                    .withConfig(QueryConfig.builder().withRouting(RoutingControl.READ).build())
                    .execute().records();
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new UnavailableException("NEO4J_UNAVAILABLE",
                    "the ontology database (Neo4j at " + neo4j.uri() + ") cannot be reached after retries; "
                            + "nothing was stored. Retry in a few seconds; if it persists, check that Neo4j is running.",
                    Duration.ofSeconds(5), e);
        }
        if (records.isEmpty()) {
            throw new NotFoundException("slate", slateId,
                    "List the ontology's slates with MATCH (s:Slate) RETURN s.id, or seed the demo slate 'demo'.");
        }
        Record r = records.get(0);
        List<Value> tracks = r.get("tracks").asList(v -> v);
        List<Value> scorings = r.get("scorings").asList(v -> v);
        List<Value> entries = r.get("entries").asList(v -> v);
        List<Value> vetoes = r.get("vetoes").asList(v -> v);
        int rows = 1 + tracks.size() + scorings.size() + entries.size() * 3 + vetoes.size();
        return new SlateRead(slateId, r.get("slate").asMap(v -> v), tracks, scorings, entries, vetoes, rows);
    }
}
