package slipstream.server.neo4j;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Where the ontology lives. With an empty {@code uri} the server starts an embedded Neo4j in the data dir;
 * with {@code NEO4J_URI} (and {@code NEO4J_USER}/{@code NEO4J_PASSWORD}) it uses that server instead.
 */
@ConfigurationProperties("neo4j")
public class Neo4jSettings {

    private String uri = "";
    private String user = "neo4j";
    private String password = "";
    private int embeddedBoltPort = 0;
    private int maxConnectionPoolSize = 16;
    private Duration connectionAcquisitionTimeout = Duration.ofSeconds(10);
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration maxTransactionRetryTime = Duration.ofSeconds(5);

    public String getUri() { return uri; }
    public void setUri(String uri) { this.uri = uri == null ? "" : uri.trim(); }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    /** Never logged. */
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password == null ? "" : password; }
    /** Bolt port of the embedded server on 127.0.0.1; 0 picks a free port. */
    public int getEmbeddedBoltPort() { return embeddedBoltPort; }
    public void setEmbeddedBoltPort(int embeddedBoltPort) { this.embeddedBoltPort = embeddedBoltPort; }
    public int getMaxConnectionPoolSize() { return maxConnectionPoolSize; }
    public void setMaxConnectionPoolSize(int maxConnectionPoolSize) { this.maxConnectionPoolSize = maxConnectionPoolSize; }
    public Duration getConnectionAcquisitionTimeout() { return connectionAcquisitionTimeout; }
    public void setConnectionAcquisitionTimeout(Duration d) { this.connectionAcquisitionTimeout = d; }
    public Duration getConnectionTimeout() { return connectionTimeout; }
    public void setConnectionTimeout(Duration d) { this.connectionTimeout = d; }
    /** How long the driver keeps retrying a read with backoff before the call fails with UNAVAILABLE. */
    public Duration getMaxTransactionRetryTime() { return maxTransactionRetryTime; }
    public void setMaxTransactionRetryTime(Duration d) { this.maxTransactionRetryTime = d; }

    public boolean embedded() {
        return uri.isEmpty();
    }
}
