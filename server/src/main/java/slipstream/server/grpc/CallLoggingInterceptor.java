package slipstream.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per call: method, status code and duration. */
@Singleton
public class CallLoggingInterceptor implements ServerInterceptor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger("slipstream.calls");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String method = call.getMethodDescriptor().getFullMethodName();
        return next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                double millis = (System.nanoTime() - started) / 1e6;
                LOG.info("call {} status={} duration_ms={}", method, status.getCode(), String.format("%.1f", millis));
                super.close(status, trailers);
            }
        }, headers);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
