package dev.lightbox.aws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** AWS async clients answer with CompletableFutures whose failures come wrapped; this makes them plain Unis. */
public final class AwsCalls {

    private AwsCalls() {
    }

    /** Sends the request when subscribed, and emits its result or its (unwrapped) failure. */
    public static <T> Uni<T> send(Supplier<CompletableFuture<T>> request) {
        return Uni.createFrom().completionStage(request)
                .onFailure(CompletionException.class).transform(Throwable::getCause);
    }
}
