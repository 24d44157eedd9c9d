package dev.lightbox.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The identities of bearer tokens quarkus-oidc has verified, kept by the token's exact text until its {@code exp},
 * so that a client's repeated requests skip the RS256 check and the claims parsing (measured: about half the CPU of
 * reading one image). Only what quarkus-oidc accepted is kept: a token that fails is never stored, and a token differing by one
 * byte is another key, verified afresh. Keyed by the text itself rather than a digest of it: the identity holds that
 * same string anyway, so it costs no memory, hashing it is cheaper than any digest, and equality is exact, with no
 * collision to reason about. Revocation is untouched: augmentors ({@link SignedOutTokenCheck},
 * {@link MachineClientIdentity}) run on every request, served from here or not. Roles are the token's
 * {@code cognito:groups}, as before: a token keeps the groups it was issued with until it expires.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    /** Attributes of quarkus-oidc's identity that belong to the request it was verified in, not to the token. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private final OidcIdentityProvider verifier;
    private final Cache<String, SecurityIdentity> identities;

    public VerifiedTokenCache(OidcIdentityProvider verifier, SecurityConfig config) {
        this.verifier = verifier;
        this.identities = Caffeine.newBuilder()
                .maximumSize(config.verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, SecurityIdentity identity) -> max(untilExpiry(identity), Duration.ZERO)))
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's provider, which has the default priority and sees only what this one passes on. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential bearer)) {
            return Uni.createFrom().nullItem(); // not a bearer token: left to quarkus-oidc's own provider
        }
        String token = bearer.getToken();
        SecurityIdentity verified = identities.getIfPresent(token);
        if (verified != null && !untilExpiry(verified).isNegative()) {
            return Uni.createFrom().item(inRequest(verified, request));
        }
        return verifier.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt
                && !untilExpiry(identity).isNegative()) {
            identities.put(token, withoutRequest(identity, jwt));
        }
    }

    /**
     * The token's part of a verified identity: quarkus-oidc's own would hold on to the request it came with (its
     * routing context, through the attributes and the permission checker). Permissions are the token's scopes, as
     * quarkus-oidc grants them.
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity, JsonWebToken jwt) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.remove(REQUEST_CONTEXT);
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles())
                .addAttributes(attributes);
        String scope = TokenClaims.text(jwt, "scope");
        if (scope != null) {
            for (String granted : scope.split(" ")) {
                if (!granted.isBlank()) {
                    copy.addPermissionAsString(granted);
                }
            }
        }
        return copy.build();
    }

    /** A cached identity with this request's routing context, as quarkus-oidc would have built it now. */
    private static SecurityIdentity inRequest(SecurityIdentity cached, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(cached);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            identity.addAttribute(ROUTING_CONTEXT, routingContext);
            Object requestContext = routingContext.get(REQUEST_CONTEXT);
            if (requestContext != null) {
                identity.addAttribute(REQUEST_CONTEXT, requestContext);
            }
        }
        return identity.build();
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    /** Time left before the token's {@code exp}; quarkus-oidc accepts a token only while now is before it. */
    private static Duration untilExpiry(SecurityIdentity identity) {
        long expiresAt = ((JsonWebToken) identity.getPrincipal()).getExpirationTime();
        return Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt)).minusNanos(1);
    }
}
