package slipstream.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizerServiceGrpc;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.server.neo4j.Neo4jConnection;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.TestServer;

/** The foundation, against a real server on a free port over Netty with the embedded defaults. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerFoundationTest implements TestPropertyProvider {

    private final int port = TestServer.freePort();
    private ManagedChannel channel;

    @Inject
    Neo4jConnection neo4j;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties(port, TestServer.tempDataDir());
    }

    private ManagedChannel channel() {
        if (channel == null) {
            channel = TestServer.channel(port);
        }
        return channel;
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void healthIsServingForTheServerAndEachService() {
        var health = HealthGrpc.newBlockingStub(channel());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                health.check(HealthCheckRequest.newBuilder().setService("slipstream.v1.SpecService").build()).getStatus());
    }

    @Test
    void reflectionListsEveryService() throws Exception {
        CompletableFuture<List<ServiceResponse>> listed = new CompletableFuture<>();
        var requests = ServerReflectionGrpc.newStub(channel()).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                listed.complete(value.getListServicesResponse().getServiceList());
            }

            @Override
            public void onError(Throwable t) {
                listed.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        Set<String> names = listed.get(10, TimeUnit.SECONDS).stream().map(ServiceResponse::getName)
                .collect(Collectors.toSet());
        requests.onCompleted();
        assertTrue(names.containsAll(Set.of("slipstream.v1.SpecService", "slipstream.v1.TelemetryService",
                "slipstream.v1.CalibrationService", "slipstream.v1.OptimizerService", "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection")), names::toString);
    }

    @Test
    void malformedRequestIsInvalidArgumentNamingTheField() {
        var spec = SpecServiceGrpc.newBlockingStub(channel());
        StatusRuntimeException empty = assertThrows(StatusRuntimeException.class,
                () -> spec.compileSpec(CompileSpecRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());
        assertEquals(List.of("slate_id"), GrpcErrors.badFields(empty));

        StatusRuntimeException cypher = assertThrows(StatusRuntimeException.class,
                () -> spec.compileSpec(CompileSpecRequest.newBuilder().setSlateId("x'}) DETACH DELETE n //").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, cypher.getStatus().getCode());
        assertEquals(List.of("slate_id"), GrpcErrors.badFields(cypher));
        assertEquals("slipstream.dev", GrpcErrors.detail(cypher, com.google.rpc.ErrorInfo.class).orElseThrow().getDomain());
    }

    @Test
    void embeddedNeo4jAnswersCypherThroughTheDriver() {
        var records = neo4j.driver().executableQuery(
                        "MATCH (e:Entry)-[:IN]->(s:Slate {id: $slate}) RETURN count(e) AS entries, min(e.salary) AS low, max(e.salary) AS high")
                .withParameters(Map.of("slate", "demo")).execute().records();
        assertEquals(36, records.get(0).get("entries").asInt());
        assertTrue(records.get(0).get("low").asInt() >= 4000);
        assertEquals(12000, records.get(0).get("high").asInt());
    }
}
