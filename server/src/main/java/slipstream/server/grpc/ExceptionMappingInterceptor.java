package slipstream.server.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import slipstream.server.error.StatusMapping;

/**
 * Catches exceptions thrown synchronously by endpoint code and closes the call through {@link StatusMapping},
 * so that a forgotten try/catch still yields a proper status (and never a stack trace on the wire).
 */
@Singleton
public class ExceptionMappingInterceptor implements ServerInterceptor, Ordered {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                guard(call, () -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(call, super::onHalfClose);
            }
        };
    }

    private static void guard(ServerCall<?, ?> call, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            StatusRuntimeException mapped = StatusMapping.toStatus(e);
            Metadata trailers = mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers();
            call.close(mapped.getStatus(), trailers);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 10;
    }
}
