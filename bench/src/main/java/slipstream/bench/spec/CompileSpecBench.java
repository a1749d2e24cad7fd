package slipstream.bench.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.neo4j.Neo4jConnection;
import slipstream.server.neo4j.Neo4jSettings;
import slipstream.server.neo4j.OntologyBootstrap;
import slipstream.server.spec.OntologyReader;
import slipstream.server.spec.SpecCompiler;
import slipstream.server.spec.SpecService;
import slipstream.server.spec.SpecStore;
import slipstream.server.store.DuckDb;

/**
 * CompileSpec latency (read from the embedded Neo4j, validate, hash, store) for the 36-entry demo slate and a
 * synthetic 40-entry slate, in an ontology holding 1 or 1,000 slates: how the cost grows with the ontology.
 * SampleTime mode reports p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class CompileSpecBench {

    /** Slates in the ontology besides the demo slate. */
    @Param({"1", "1000"})
    public int slates;

    private Neo4jConnection neo4j;
    private DuckDb duckDb;
    private SpecService service;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("compile-bench-");
        SlipstreamConfig config = new SlipstreamConfig();
        config.setDataDir(dir.toString());
        neo4j = new Neo4jConnection(new Neo4jSettings(), config);
        new OntologyBootstrap(neo4j, true);
        addSyntheticSlates(slates);
        duckDb = new DuckDb(config);
        service = new SpecService(new OntologyReader(neo4j), new SpecCompiler(), new SpecStore(duckDb));
    }

    /** Slates "synthetic-k" with 40 entries each over the demo drivers, salaries varying by slate. */
    private void addSyntheticSlates(int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", "synthetic-" + k);
            row.put("k", k);
            rows.add(row);
        }
        neo4j.driver().executableQuery("""
                UNWIND $rows AS r
                MATCH (t:Track {id: 'phoenix-raceway'}), (sc:ScoringTable {id: 'draftkings-nascar-classic'})
                CREATE (s:Slate {id: r.id, name: r.id, raceDate: '2024-03-10', raceLaps: 312, salaryCap: 50000, rosterSize: 6})
                CREATE (s)-[:AT]->(t), (s)-[:SCORED_BY]->(sc)
                WITH s, r
                CALL (s, r) {
                  MATCH (d:Driver) WITH d ORDER BY d.id LIMIT 40
                  MATCH (team:Team {id: 'hendrick-motorsports'})
                  CREATE (e:Entry {salary: 4500 + ((r.k * 7 + size(d.id) * 300) % 7500) / 100 * 100, carNumber: d.id})
                  CREATE (e)-[:IN]->(s), (e)-[:OF]->(d), (e)-[:FOR]->(team)
                }""").withParameters(Map.of("rows", rows)).execute();
    }

    @Benchmark
    public String compileDemoSlate() {
        return service.compile("demo").spec().specId();
    }

    @Benchmark
    public String compileFortyEntrySlate() {
        return service.compile("synthetic-0").spec().specId();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        duckDb.close();
        neo4j.close();
    }
}
