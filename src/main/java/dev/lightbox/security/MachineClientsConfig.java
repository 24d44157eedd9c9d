package dev.lightbox.security;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * App clients of the pool that call us with client-credentials access tokens ({@code lightbox.machine-clients.*}): no
 * user, their own {@code client_id}, custom scopes. Only the listed clients are accepted, and only where a scope allows.
 */
@ConfigMapping(prefix = "lightbox.machine-clients")
public interface MachineClientsConfig {

    /** Client ids whose client-credentials tokens are accepted; none by default. */
    Optional<Set<String>> clientIds();

    /** The custom scope that lets a machine client read users and groups through the admin endpoints. */
    @WithDefault("lightbox/admin.read")
    String adminReadScope();
}
