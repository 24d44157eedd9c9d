package dev.lightbox.sharing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Share links ({@code lightbox.sharing.*}). */
@ConfigMapping(prefix = "lightbox.sharing")
public interface SharingConfig {

    /** How long a link works when its creator does not say. */
    @WithDefault("PT24H")
    Duration linkDefaultLifetime();

    /** The longest a link may work. */
    @WithDefault("P30D")
    Duration linkMaxLifetime();

    /**
     * Lifetime of the content URL an open hands out: a revoked link stops giving access once the last URL it gave
     * expires. 45 s keeps that within a minute even where storage hands a signed URL out again for a third of its life.
     */
    @WithDefault("PT45S")
    Duration linkUrlTtl();
}
