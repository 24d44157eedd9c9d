package dev.lightbox.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lightbox.storage.*}. */
@ConfigMapping(prefix = "lightbox.storage")
public interface StorageConfig {

    /** How long a signed GET URL is handed out again before a new one is signed (at most a third of its lifetime). */
    @WithDefault("PT5M")
    Duration urlReuse();
}
