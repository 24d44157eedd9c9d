package dev.lightbox.reliability;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * AWS SDK futures and fault-tolerance timers complete on their own threads, but Hibernate Reactive sessions and
 * request state live on the Vert.x context that subscribed. This brings results back there, with no hop when they
 * already arrive on it.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** Subscribes to {@code work} and emits its item or failure on the subscriber's Vert.x context, if it has one. */
    public static <T> Uni<T> resumeOnCaller(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> result = work.get();
            if (caller == null) {
                return result;
            }
            return result.onItemOrFailure().transformToUni((item, failure) -> Uni.createFrom().emitter(emitter -> {
                Runnable emit = () -> {
                    if (failure != null) {
                        emitter.fail(failure);
                    } else {
                        emitter.complete(item);
                    }
                };
                if (Vertx.currentContext() == caller) {
                    emit.run();
                } else {
                    caller.runOnContext(ignored -> emit.run());
                }
            }));
        });
    }
}
