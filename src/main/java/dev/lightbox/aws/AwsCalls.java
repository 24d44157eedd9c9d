package dev.lightbox.aws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * AWS async clients complete on their own threads. Hibernate Reactive sessions and request-scoped state live on a
 * Vert.x context, so every AWS call comes back on the context it was subscribed on.
 */
public final class AwsCalls {

    private AwsCalls() {
    }

    /** Sends the request when subscribed, and emits its result or failure (unwrapped) on the subscriber's context. */
    public static <T> Uni<T> onCallerContext(Supplier<CompletableFuture<T>> request) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> response = Uni.createFrom().completionStage(request)
                    .onFailure(CompletionException.class).transform(Throwable::getCause);
            return context == null ? response : response.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }
}
