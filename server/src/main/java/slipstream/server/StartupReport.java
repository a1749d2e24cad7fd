package slipstream.server;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import slipstream.kernels.vector.VectorSupport;
import slipstream.server.compute.ComputePool;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.neo4j.Neo4jConnection;
import slipstream.server.store.DuckDb;

/** Prints where everything is once the server serves. */
@Singleton
public class StartupReport implements ApplicationEventListener<ServerStartupEvent> {

    private final SlipstreamConfig config;
    private final Neo4jConnection neo4j;
    private final DuckDb duckDb;
    private final ComputePool pool;

    public StartupReport(SlipstreamConfig config, Neo4jConnection neo4j, DuckDb duckDb, ComputePool pool) {
        this.config = config;
        this.neo4j = neo4j;
        this.duckDb = duckDb;
        this.pool = pool;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer server)) {
            return;
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String address = server.getHost() + ":" + server.getPort();
        System.out.printf("""
                Slipstream is SERVING (%d ms after JVM start)
                  gRPC (plaintext) : %s   health: grpc.health.v1.Health, reflection: v1 + v1alpha
                  data dir         : %s
                  DuckDB           : %s
                  Neo4j            : %s (%s)
                  compute pool     : %d threads; kernels: %s
                  try              : grpcurl -plaintext %s list
                """, uptime, address, config.dataPath(), duckDb.file(), neo4j.uri(),
                neo4j.isEmbedded() ? "embedded" : "external", pool.threads(), VectorSupport.reason(), address);
        System.out.flush();
    }
}
