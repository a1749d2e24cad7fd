package slipstream.server.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.server.neo4j.EmbeddedNeo4j;
import slipstream.server.neo4j.Neo4jConnection;
import slipstream.server.neo4j.OntologyBootstrap;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.TestServer;

/**
 * External-URI mode: the server points at a separately started Neo4j (NEO4J_URI), starts none of its own,
 * answers UNAVAILABLE with a retry hint while that Neo4j is down, stores nothing, and recovers when it is back.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalNeo4jTest implements TestPropertyProvider {

    private final int port = TestServer.freePort();
    private final int boltPort = TestServer.freePort();
    private final Path neo4jHome = TestServer.tempDataDir();
    private EmbeddedNeo4j external;
    private ManagedChannel channel;

    @Inject
    Neo4jConnection connection;
    @Inject
    SpecStore store;

    @Override
    public Map<String, String> getProperties() {
        external = EmbeddedNeo4j.start(neo4jHome, boltPort);
        try (var driver = GraphDatabase.driver(external.boltUri(), AuthTokens.none())) {
            OntologyBootstrap.seedDemo(driver);
        }
        Map<String, String> props = TestServer.properties(port, TestServer.tempDataDir());
        props.put("neo4j.uri", external.boltUri());
        props.put("neo4j.max-transaction-retry-time", "1s");
        props.put("neo4j.connection-timeout", "1s");
        return props;
    }

    @AfterAll
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (external != null) {
            external.close();
        }
    }

    private String compileDemo() {
        if (channel == null) {
            channel = TestServer.channel(port);
        }
        return SpecServiceGrpc.newBlockingStub(channel)
                .compileSpec(CompileSpecRequest.newBuilder().setSlateId("demo").build()).getSpec().getSpecId();
    }

    @Test
    void usesTheExternalServerThenReportsUnavailableWhileItIsDownAndRecovers() {
        assertFalse(connection.isEmbedded());
        assertEquals("bolt://127.0.0.1:" + boltPort, connection.uri());
        String id = compileDemo();
        long stored = store.count();

        external.close();
        StatusRuntimeException down = assertThrows(StatusRuntimeException.class, this::compileDemo);
        assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
        assertTrue(GrpcErrors.detail(down, RetryInfo.class).orElseThrow().getRetryDelay().getSeconds() > 0);
        assertTrue(down.getStatus().getDescription().contains("Retry"), down.getStatus().getDescription());
        assertEquals(stored, store.count(), "nothing partial is stored");

        external = EmbeddedNeo4j.start(neo4jHome, boltPort);
        assertEquals(id, compileDemo(), "same ontology, same id, once Neo4j is back");
    }
}
