package dev.lightbox.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.lightbox.config.LightboxConfig;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: a guest, or a signed-in Cognito user, who may be an admin. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final String adminGroup;

    public CurrentUser(SecurityIdentity identity, LightboxConfig config) {
        this.identity = identity;
        this.adminGroup = config.adminGroup();
    }

    public boolean isGuest() {
        return identity.isAnonymous();
    }

    /** The Cognito {@code sub}; null for a guest. For a machine client, its client id. */
    public String id() {
        return isGuest() ? null : identity.getPrincipal().getName();
    }

    /**
     * The user's Cognito username, which Admin* calls take: the sub for users who sign in by email, the provider's id
     * (e.g. {@code Google_123}) for federated users. Access tokens carry it as {@code username}, ID tokens as
     * {@code cognito:username}.
     */
    public String cognitoUsername() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return id();
        }
        String username = TokenClaims.text(token, "username");
        return username != null ? username : TokenClaims.text(token, "cognito:username");
    }

    /** The {@code cognito:groups} of the token this request came with (not the user's groups now). */
    public Set<String> groups() {
        return identity.getRoles();
    }

    public boolean isAdmin() {
        return !isGuest() && identity.hasRole(adminGroup);
    }
}
