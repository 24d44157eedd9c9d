package dev.lightbox.variant;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Variant generation: the sizes, and the bounds on the worker that makes them. */
@ConfigMapping(prefix = "lightbox.variants")
public interface VariantConfig {

    /** The thumbnail fits a square of this many pixels. */
    @WithDefault("256")
    int thumbSize();

    /** The display size fits a square of this many pixels. */
    @WithDefault("1280")
    int displaySize();

    /** Images rendered at once by one instance; decoding is CPU-bound, and each job holds its original in memory. */
    @WithDefault("1")
    int concurrency();

    /** One image's rendering is abandoned (and retried later) past this. */
    @WithDefault("PT30S")
    Duration timeLimit();

    /** After this many failed attempts an image's work is marked failed and the image is served without variants. */
    @WithDefault("5")
    int maxAttempts();

    /** How often pending work is looked for (a quarkus-scheduler interval); new uploads also start the worker at once. */
    @WithDefault("10s")
    String pollInterval();
}
