package slipstream.server.grpc;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import slipstream.server.error.StatusMapping;

/** Completes unary calls, mapping any failure through {@link StatusMapping}. */
public final class Rpc {

    private Rpc() {}

    /** Runs a quick unary handler on the calling thread. */
    public static <T> void respond(StreamObserver<T> observer, Supplier<T> handler) {
        T response;
        try {
            response = handler.get();
        } catch (RuntimeException e) {
            observer.onError(StatusMapping.toStatus(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /** Completes the call when the future does (used for work that runs on the compute pool). */
    public static <T> void respondAsync(StreamObserver<T> observer, CompletableFuture<T> future) {
        future.whenComplete((response, failure) -> {
            if (failure != null) {
                observer.onError(StatusMapping.toStatus(failure));
            } else {
                observer.onNext(response);
                observer.onCompleted();
            }
        });
    }
}
