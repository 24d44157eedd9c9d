package dev.lightbox.variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.reliability.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * Runs {@link VariantRenderer} off the event loop on a pool of {@code lightbox.variants.concurrency} threads (so at most
 * that many images are decoded at once by this instance, whatever the backlog), each within the time limit: past it
 * the decoder is told to stop and the rendering fails, to be retried later.
 */
@ApplicationScoped
public class VariantRendering {

    private final ExecutorService threads;
    private final VariantConfig config;
    private final Map<VariantSize, Integer> boxes = new EnumMap<>(VariantSize.class);

    public VariantRendering(VariantConfig config) {
        this.config = config;
        this.threads = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "lightbox-variants");
            thread.setDaemon(true);
            return thread;
        });
        for (VariantSize size : VariantSize.values()) {
            boxes.put(size, size.box(config));
        }
    }

    /** The original's variants and placeholder, emitted on the caller's Vert.x context. */
    Uni<VariantRenderer.Rendition> render(byte[] original) {
        return CallerContext.resumeOnCaller(() -> {
            VariantRenderer renderer = new VariantRenderer();
            return Uni.createFrom().item(() -> {
                try {
                    return renderer.render(original, boxes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).runSubscriptionOn(threads)
                    .ifNoItem().after(config.timeLimit())
                    .failWith(() -> {
                        renderer.abort();
                        return new TimeoutException("rendering took longer than " + config.timeLimit());
                    });
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
