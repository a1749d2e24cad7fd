package slipstream.server.error;

/** The caller asked for something outside what the server exposes, e.g. a path outside the data root. */
public final class PermissionDeniedException extends SlipstreamException {

    public PermissionDeniedException(String reason, String message) {
        super(reason, message, null);
    }
}
