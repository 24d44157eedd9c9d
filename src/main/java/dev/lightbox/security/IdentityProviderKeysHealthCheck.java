package dev.lightbox.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.lightbox.config.LightboxConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** Ready only while the user pool publishes signing keys: without them no signed-in request can be served. */
@Readiness
@ApplicationScoped
public class IdentityProviderKeysHealthCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final WebClient client;
    private final String jwksUri;

    public IdentityProviderKeysHealthCheck(Vertx vertx, LightboxConfig config) {
        this.client = WebClient.create(vertx);
        this.jwksUri = config.cognito().issuer() + "/.well-known/jwks.json";
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return client.getAbs(jwksUri).timeout(TIMEOUT.toMillis()).send()
                .map(response -> {
                    JsonArray keys = response.statusCode() == 200 ? response.bodyAsJsonObject().getJsonArray("keys") : null;
                    int count = keys == null ? 0 : keys.size();
                    return HealthCheckResponse.named("identity-provider-keys").status(count > 0).withData("keys", count).build();
                })
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("identity-provider-keys").down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
