package dev.lightbox.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A client-credentials token (only a configured machine client's passes {@link CognitoClaimsValidator}) becomes an
 * identity with one role per granted scope, {@code scope:<scope>}, and nothing else: no groups, no user. Endpoints
 * open to a scope name its role in {@code @RolesAllowed}; {@link MachineClientGate} keeps machines off every other
 * route, whatever its annotations say.
 */
@ApplicationScoped
public class MachineClientIdentity implements SecurityIdentityAugmentor {

    public static final String SCOPE_ROLE_PREFIX = "scope:";
    static final String CLIENT_ID_ATTRIBUTE = "lightbox.machine-client-id";

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || !isMachine(token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder machine = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttribute(CLIENT_ID_ATTRIBUTE, TokenClaims.text(token, "client_id"));
        String scope = TokenClaims.text(token, "scope");
        if (scope != null) {
            for (String granted : scope.split(" ")) {
                if (!granted.isBlank()) {
                    machine.addRole(SCOPE_ROLE_PREFIX + granted);
                }
            }
        }
        return Uni.createFrom().item(machine.build());
    }

    /** Cognito's user tokens name their user ({@code username}, or {@code cognito:username} in ID tokens); these do not. */
    static boolean isMachine(JsonWebToken token) {
        return !token.containsClaim("username") && !token.containsClaim("cognito:username");
    }

    static boolean isMachine(SecurityIdentity identity) {
        return identity.getAttribute(CLIENT_ID_ATTRIBUTE) != null;
    }
}
