package slipstream.server.error;

import java.time.Duration;

/** A dependency (e.g. Neo4j) cannot be reached: UNAVAILABLE with a RetryInfo delay. */
public final class UnavailableException extends SlipstreamException {

    private final Duration retryAfter;

    public UnavailableException(String reason, String message, Duration retryAfter, Throwable cause) {
        super(reason, message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
