package slipstream.server.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.PreconditionFailure;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.CompileSpecResponse;
import slipstream.proto.v1.GetSpecRequest;
import slipstream.proto.v1.ListSpecsRequest;
import slipstream.proto.v1.PageRequest;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.proto.v1.TrackArchetype;
import slipstream.server.error.NotFoundException;
import slipstream.server.neo4j.Neo4jConnection;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.TestServer;

/** CompileSpec end to end: real server on a free port, the embedded Neo4j with the demo ontology, DuckDB. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompileSpecTest implements TestPropertyProvider {

    private final int port = TestServer.freePort();
    private ManagedChannel channel;

    @Inject
    Neo4jConnection neo4j;
    @Inject
    SpecStore store;
    @Inject
    OntologyReader reader;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties(port, TestServer.tempDataDir());
    }

    private SpecServiceGrpc.SpecServiceBlockingStub specs() {
        if (channel == null) {
            channel = TestServer.channel(port);
        }
        return SpecServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private CompileSpecResponse compile(String slate) {
        return specs().compileSpec(CompileSpecRequest.newBuilder().setSlateId(slate).build());
    }

    private void cypher(String query, Map<String, Object> params) {
        neo4j.driver().executableQuery(query).withParameters(params).execute();
    }

    @Test
    void compilesTheDemoSlateToAStableContentId() {
        CompileSpecResponse first = compile("demo");
        String id = first.getSpec().getSpecId();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals(36, first.getSpec().getEntriesCount());
        assertEquals(50_000, first.getSpec().getSalaryCap());
        assertEquals(6, first.getSpec().getRosterSize());
        assertEquals(TrackArchetype.TRACK_ARCHETYPE_SHORT_TRACK, first.getSpec().getTrack().getArchetype());
        assertEquals(45.0, first.getSpec().getScoring().getFinishPoints(0));
        assertEquals(40, first.getSpec().getScoring().getFinishPointsCount());
        assertTrue(first.getRowsRead() > 36);
        assertEquals(CanonicalForm.contentId(SpecProtos.fromProto(first.getSpec()).withId("")), id,
                "the id is the SHA-256 of the canonical form");

        CompileSpecResponse again = compile("demo");
        assertEquals(id, again.getSpec().getSpecId());
        assertFalse(again.getCreated(), "identical content is stored once");
        assertEquals(first.getSpec(), specs().getSpec(GetSpecRequest.newBuilder().setSpecId(id).build()).getSpec());
    }

    /** Optimize reads its spec on every call: the store serves a spec from memory once read, never a stale miss. */
    @Test
    void aSpecReadOnceIsServedFromMemoryAndAMissIsNotRemembered() {
        String id = compile("demo").getSpec().getSpecId();
        ConstraintSpec read = store.get(id).orElseThrow();
        assertSame(read, store.get(id).orElseThrow(), "the second read is the cached spec");
        assertEquals(id, read.specId());
        // The store does not hash what it is given (CompileSpec does), so a copy under an unused id stands in for a
        // spec compiled after a client asked for it.
        String later = "f".repeat(64);
        assertTrue(store.get(later).isEmpty());
        assertTrue(store.put(read.withId(later)));
        assertEquals(later, store.get(later).orElseThrow().specId(), "a miss was not remembered");
    }

    @Test
    void changingOneSalaryGivesANewIdAndRestoringItTheOldOne() {
        String original = compile("demo").getSpec().getSpecId();
        Map<String, Object> larson = Map.of("driver", "kyle-larson");
        cypher("MATCH (e:Entry)-[:IN]->(:Slate {id: 'demo'}), (e)-[:OF]->(:Driver {id: $driver}) "
                + "SET e.salary = e.salary - 100", larson);
        try {
            CompileSpecResponse changed = compile("demo");
            assertNotEquals(original, changed.getSpec().getSpecId());
            assertTrue(changed.getCreated());
        } finally {
            cypher("MATCH (e:Entry)-[:IN]->(:Slate {id: 'demo'}), (e)-[:OF]->(:Driver {id: $driver}) "
                    + "SET e.salary = e.salary + 100", larson);
        }
        assertEquals(original, compile("demo").getSpec().getSpecId());
    }

    @Test
    void unknownSlateIsNotFoundAndMalformedIdsAreInvalid() {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> compile("no-such-slate"));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        StatusRuntimeException badId = assertThrows(StatusRuntimeException.class,
                () -> specs().getSpec(GetSpecRequest.newBuilder().setSpecId("abc").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badId.getStatus().getCode());
        assertEquals(List.of("spec_id"), GrpcErrors.badFields(badId));
        StatusRuntimeException unknownSpec = assertThrows(StatusRuntimeException.class,
                () -> specs().getSpec(GetSpecRequest.newBuilder().setSpecId("0".repeat(64)).build()));
        assertEquals(Status.Code.NOT_FOUND, unknownSpec.getStatus().getCode());
        StatusRuntimeException badPage = assertThrows(StatusRuntimeException.class, () -> specs().listSpecs(
                ListSpecsRequest.newBuilder().setPage(PageRequest.newBuilder().setPageSize(5000)).build()));
        assertEquals(List.of("page.page_size"), GrpcErrors.badFields(badPage));
    }

    @Test
    void everyOntologyProblemIsListedAndNothingIsStored() {
        cypher("""
                MATCH (t:Track {id: 'phoenix-raceway'}), (sc:ScoringTable {id: 'draftkings-nascar-classic'})
                CREATE (s:Slate {id: 'broken', name: 'broken slate', raceDate: '2023-11-05', raceLaps: 312,
                                 salaryCap: 50000, rosterSize: 6})
                CREATE (s)-[:AT]->(t), (s)-[:SCORED_BY]->(sc)
                WITH s
                MATCH (d:Driver) WITH s, d ORDER BY d.id LIMIT 8
                WITH s, collect(d) AS ds
                MATCH (team:Team {id: 'hendrick-motorsports'})
                UNWIND range(0, 7) AS i
                WITH s, ds[i] AS d, i, team
                CREATE (e:Entry {salary: 7000, carNumber: toString(i), startPosition: i + 1})
                CREATE (e)-[:IN]->(s), (e)-[:OF]->(d), (e)-[:FOR]->(team)
                """, Map.of());
        // Four distinct problems on different nodes: ill-typed salary, missing car number,
        // a driver entered twice, a salary above the cap.
        cypher("MATCH (e:Entry {carNumber: '0'})-[:IN]->(:Slate {id: 'broken'}) SET e.salary = 'lots'", Map.of());
        cypher("MATCH (e:Entry {carNumber: '1'})-[:IN]->(:Slate {id: 'broken'}) REMOVE e.carNumber", Map.of());
        cypher("MATCH (e:Entry {carNumber: '3'})-[:IN]->(:Slate {id: 'broken'}) SET e.salary = 99000", Map.of());
        cypher("""
                MATCH (s:Slate {id: 'broken'}), (e:Entry {carNumber: '2'})-[:IN]->(s), (e)-[:OF]->(d), (e)-[:FOR]->(t)
                CREATE (dup:Entry {salary: 6000, carNumber: '99', startPosition: 8})
                CREATE (dup)-[:IN]->(s), (dup)-[:OF]->(d), (dup)-[:FOR]->(t)""", Map.of());
        long before = store.count();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> compile("broken"));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        Set<String> subjects = GrpcErrors.preconditionViolations(e).stream()
                .map(PreconditionFailure.Violation::getSubject).collect(Collectors.toSet());
        assertTrue(subjects.stream().anyMatch(s -> s.endsWith(".salary") && s.contains("Entry")), subjects::toString);
        assertTrue(subjects.stream().anyMatch(s -> s.endsWith(".carNumber")), subjects::toString);
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("Entry(driver=") && !s.contains(".")), subjects::toString);
        String descriptions = GrpcErrors.preconditionViolations(e).toString();
        assertTrue(descriptions.contains("ill-typed") && descriptions.contains("missing")
                && descriptions.contains("entered 2 times") && descriptions.contains("out of range: 99000"), descriptions);
        assertEquals(before, store.count(), "a failed compile stores nothing");
    }

    @Test
    void aRosterThatCannotBeFilledUnderTheCapSaysByHowMuch() {
        cypher("""
                MATCH (t:Track {id: 'phoenix-raceway'}), (sc:ScoringTable {id: 'draftkings-nascar-classic'}),
                      (team:Team {id: 'team-penske'})
                CREATE (s:Slate {id: 'pricey', name: 'pricey', raceDate: '2023-11-05', raceLaps: 312,
                                 salaryCap: 50000, rosterSize: 6})
                CREATE (s)-[:AT]->(t), (s)-[:SCORED_BY]->(sc)
                WITH s, team
                MATCH (d:Driver) WITH s, team, d ORDER BY d.id LIMIT 7
                CREATE (e:Entry {salary: 9000, carNumber: d.id})
                CREATE (e)-[:IN]->(s), (e)-[:OF]->(d), (e)-[:FOR]->(team)""", Map.of());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> compile("pricey"));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(GrpcErrors.preconditionViolations(e).toString().contains("cost 54000, over the cap of 50000 by 4000"),
                GrpcErrors.preconditionViolations(e)::toString);
    }

    @Test
    void cypherMetacharactersInASlateIdAreOnlyEverAParameter() {
        String hostile = "demo'}) MATCH (n) DETACH DELETE n //\"; CALL db.clear() `x`";
        assertThrows(NotFoundException.class, () -> reader.read(hostile));
        assertEquals(36, compile("demo").getSpec().getEntriesCount(), "the ontology is intact");
        StatusRuntimeException rejected = assertThrows(StatusRuntimeException.class, () -> compile(hostile));
        assertEquals(List.of("slate_id"), GrpcErrors.badFields(rejected));
    }

    /** The user-facing grpcurl scripts, run unchanged through the buf-curl stand-in against this server. */
    @Test
    void grpcurlScriptsWorkThroughBufCurl() throws Exception {
        assertTrue(script("health.sh").contains("\"status\": \"SERVING\""));
        assertTrue(script("list.sh").contains("slipstream.v1.OptimizerService"));
        String compiled = script("compile-spec.sh");
        assertTrue(compiled.matches("(?s).*\"specId\": \"[0-9a-f]{64}\".*"), compiled);
    }

    private String script(String name) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("..", "client-samples", "grpcurl").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(dir.resolve(name).toString()).redirectErrorStream(true);
        pb.environment().put("GRPCURL", dir.resolve("buf-grpcurl").toString());
        pb.environment().put("SLIPSTREAM_ADDR", "127.0.0.1:" + port);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void listsSpecsInPages() {
        compile("demo");
        var first = specs().listSpecs(ListSpecsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(1)).build());
        assertEquals(1, first.getSpecsCount());
        assertFalse(first.getNextPageToken().isEmpty());
        var demoOnly = specs().listSpecs(ListSpecsRequest.newBuilder().setSlateId("demo").build());
        assertTrue(demoOnly.getSpecsList().stream().allMatch(s -> s.getSlateId().equals("demo")));
        assertTrue(demoOnly.getSpecsList().stream().allMatch(s -> s.getEntryCount() == 36));
    }
}
