package dev.lightbox.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.lightbox.config.LightboxConfig;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: a guest, or a signed-in Cognito user with its groups. */
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

    /** The Cognito {@code sub}; null for a guest. */
    public String id() {
        return isGuest() ? null : identity.getPrincipal().getName();
    }

    public Set<String> groups() {
        return identity.getRoles();
    }

    public boolean isAdmin() {
        return !isGuest() && identity.hasRole(adminGroup);
    }

    /** The verified token; null for a guest. */
    public JsonWebToken token() {
        return isGuest() ? null : (JsonWebToken) identity.getPrincipal();
    }

    /** Seconds since the epoch at which the user authenticated to get this token's session. */
    public long authTime() {
        return authTime(token());
    }

    static long authTime(JsonWebToken token) {
        Object authTime = token.getClaim("auth_time");
        if (authTime instanceof Number number) {
            return number.longValue();
        }
        if (authTime instanceof JsonNumber number) {
            return number.longValue();
        }
        return token.getIssuedAtTime();
    }
}
