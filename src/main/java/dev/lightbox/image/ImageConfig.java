package dev.lightbox.image;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Image settings beyond the contract's {@code lightbox.max-image-bytes}. */
@ConfigMapping(prefix = "lightbox.images")
public interface ImageConfig {

    /** Media types accepted as images; each must be one {@link ImageInspector} can recognise. */
    @WithDefault("image/jpeg,image/png,image/gif,image/webp")
    Set<String> allowedTypes();

    /** Lifetime of presigned GET URLs. */
    @WithDefault("PT15M")
    Duration urlTtl();

    /** Lifetime of presigned PUT URLs; a pending upload is removed a grace period after that. */
    @WithDefault("PT15M")
    Duration uploadTtl();

    /** How long a PUT that started just before its URL expired may still take. */
    @WithDefault("PT5M")
    Duration uploadGrace();

    /** How often the clean-up runs (a quarkus-scheduler interval). */
    @WithDefault("60s")
    String cleanupInterval();
}
