package dev.lightbox.security;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a verified token whose session began before its user's last global sign-out (own, or an admin's disable,
 * reset or delete): Cognito revokes refresh tokens, but an access token stays valid by signature until it expires.
 * The sign-out times come from memory ({@link SignOutTimes}); the user's profile row is created on its first call.
 * Cognito's times are whole seconds, so a session begun in the second of a sign-out counts as before it. Machine
 * clients have no user, so nothing to check.
 */
@ApplicationScoped
public class SignedOutTokenCheck implements SecurityIdentityAugmentor {

    private final SignOutTimes signOutTimes;

    public SignedOutTokenCheck(SignOutTimes signOutTimes) {
        this.signOutTimes = signOutTimes;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || MachineClientIdentity.isMachine(token)) {
            return Uni.createFrom().item(identity);
        }
        return signOutTimes.of(token.getName()).map(signedOutAt -> {
            if (isRevoked(authTime(token), signedOutAt.orElse(null))) {
                throw new AuthenticationFailedException("The token's session ended with a sign-out");
            }
            return identity;
        });
    }

    /** Seconds since the epoch at which the user authenticated to get this token's session. */
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

    static boolean isRevoked(long authTimeSeconds, Instant signedOutAt) {
        return signedOutAt != null && authTimeSeconds <= signedOutAt.getEpochSecond();
    }
}
