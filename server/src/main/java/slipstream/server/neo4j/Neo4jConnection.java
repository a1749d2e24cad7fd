package slipstream.server.neo4j;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import slipstream.server.config.SlipstreamConfig;

/**
 * The ontology connection: a driver to {@code neo4j.uri} when set, otherwise to an embedded DBMS started in
 * {@code <data-dir>/neo4j}. Started eagerly so the server reports SERVING only once Neo4j answers.
 */
@Context
public class Neo4jConnection {

    private static final Logger LOG = LoggerFactory.getLogger(Neo4jConnection.class);
    private final EmbeddedNeo4j embedded;
    private final Driver driver;
    private final String uri;

    public Neo4jConnection(Neo4jSettings settings, SlipstreamConfig config) {
        if (settings.embedded()) {
            Path home = config.dataPath().resolve("neo4j");
            long started = System.nanoTime();
            this.embedded = EmbeddedNeo4j.start(home, settings.getEmbeddedBoltPort());
            this.uri = embedded.boltUri();
            LOG.info("embedded Neo4j at {} (store {}) started in {} ms", uri, home,
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            this.embedded = null;
            this.uri = settings.getUri();
        }
        Config driverConfig = Config.builder()
                .withMaxConnectionPoolSize(settings.getMaxConnectionPoolSize())
                .withConnectionAcquisitionTimeout(settings.getConnectionAcquisitionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionTimeout(settings.getConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxTransactionRetryTime(settings.getMaxTransactionRetryTime().toMillis(), TimeUnit.MILLISECONDS)
                .withLogging(Logging.slf4j())
                .build();
        // Credentials go to the driver only; logs name the URI and user, never the password.
        var auth = embedded != null || settings.getPassword().isEmpty()
                ? AuthTokens.none() : AuthTokens.basic(settings.getUser(), settings.getPassword());
        this.driver = GraphDatabase.driver(uri, auth, driverConfig);
        LOG.info("Neo4j driver for {} (user {})", uri, embedded != null ? "<embedded, no auth>" : settings.getUser());
    }

    public Driver driver() {
        return driver;
    }

    /** Bolt URI in use (embedded or external). */
    public String uri() {
        return uri;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @PreDestroy
    public void close() {
        driver.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
