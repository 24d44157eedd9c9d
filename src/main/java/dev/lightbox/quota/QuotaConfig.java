package dev.lightbox.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one user may store unless an admin gave it limits of its own (environment variables {@code LIGHTBOX_QUOTAS_*}). */
@ConfigMapping(prefix = "lightbox.quotas")
public interface QuotaConfig {

    /** Bytes of images, pending uploads included; default 1 GiB. */
    @WithDefault("1073741824")
    long maxBytes();

    /** Images, pending uploads included. */
    @WithDefault("1000")
    int maxImages();
}
