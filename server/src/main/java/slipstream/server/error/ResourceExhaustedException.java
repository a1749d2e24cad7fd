package slipstream.server.error;

import java.time.Duration;

/** The compute pool is full: RESOURCE_EXHAUSTED with a RetryInfo delay. */
public final class ResourceExhaustedException extends SlipstreamException {

    private final Duration retryAfter;

    public ResourceExhaustedException(String message, Duration retryAfter) {
        super("COMPUTE_POOL_FULL", message, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
