package dev.lightbox.security;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import dev.lightbox.config.LightboxConfig;
import io.quarkus.arc.Unremovable;

/**
 * The Cognito-specific checks that quarkus-oidc leaves to us, as aws-jwt-verify does them: an access token must say
 * {@code token_use=access} and carry our {@code client_id}; an ID token (only when enabled) must say
 * {@code token_use=id} and have our client id as {@code aud}. The one exception: a client-credentials access token of
 * a configured machine client, which has no user (no {@code username}); {@link MachineClientIdentity} keeps it to its
 * scopes. quarkus-oidc has already checked signature, alg, {@code kid}, {@code exp}/{@code nbf} and {@code iss}.
 */
@Unremovable
@ApplicationScoped
public class CognitoClaimsValidator implements Validator {

    private final String clientId;
    private final Set<String> machineClientIds;
    private final boolean acceptIdTokens;

    @Inject
    public CognitoClaimsValidator(LightboxConfig config, MachineClientsConfig machineClients) {
        this(config.cognito().clientId(), machineClients.clientIds().orElse(Set.of()), config.acceptIdTokens());
    }

    CognitoClaimsValidator(String clientId, Set<String> machineClientIds, boolean acceptIdTokens) {
        this.clientId = clientId;
        this.machineClientIds = machineClientIds;
        this.acceptIdTokens = acceptIdTokens;
    }

    @Override
    public String validate(JwtContext context) throws MalformedClaimException {
        JwtClaims claims = context.getJwtClaims();
        String tokenUse = claims.getStringClaimValue("token_use");
        if ("access".equals(tokenUse)) {
            String tokenClient = claims.getStringClaimValue("client_id");
            if (clientId.equals(tokenClient)) {
                return null;
            }
            if (machineClientIds.contains(tokenClient)) {
                // A machine client that also signs users in must not pass them off as itself.
                return claims.hasClaim("username") ? "a machine client's token must not carry a user" : null;
            }
            return "client_id is not this service's";
        }
        if ("id".equals(tokenUse) && acceptIdTokens) {
            List<String> audience = claims.getAudience();
            return audience != null && audience.contains(clientId) ? null : "aud is not this service's";
        }
        return "token_use must be access" + (acceptIdTokens ? " or id" : "");
    }
}
