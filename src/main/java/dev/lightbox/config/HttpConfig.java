package dev.lightbox.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** What the service believes about requests ({@code lightbox.http.*}). */
@ConfigMapping(prefix = "lightbox.http")
public interface HttpConfig {

    /** Proxies in front that append to X-Forwarded-For (one ALB or ingress: 1; clients connecting directly: 0). */
    int trustedProxyHops();

    /** The largest JSON request body; larger ones are answered 413 before they are parsed. */
    MemorySize maxJsonBody();
}
