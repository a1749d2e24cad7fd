package slipstream.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * Application settings under {@code slipstream.*} (application.yml; every key can be overridden by an
 * environment variable, e.g. {@code SLIPSTREAM_DATA_DIR}).
 */
@ConfigurationProperties("slipstream")
public class SlipstreamConfig {

    private String dataDir = "data";
    private int computeThreads = Runtime.getRuntime().availableProcessors();
    private int computeQueue = 8;

    /** Folder for DuckDB, the embedded Neo4j store and artifacts. Default {@code ./data}. */
    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** Threads of the compute pool; defaults to the number of cores. */
    public int getComputeThreads() {
        return computeThreads;
    }

    public void setComputeThreads(int computeThreads) {
        this.computeThreads = computeThreads;
    }

    /** Jobs that may wait for a compute thread before new ones are refused with RESOURCE_EXHAUSTED. */
    public int getComputeQueue() {
        return computeQueue;
    }

    public void setComputeQueue(int computeQueue) {
        this.computeQueue = computeQueue;
    }
}
