package dev.lightbox.security;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reading string claims of a verified token, whichever JSON form the token implementation hands them out in. */
final class TokenClaims {

    private TokenClaims() {
    }

    static String text(JsonWebToken token, String name) {
        Object claim = token.getClaim(name);
        return claim instanceof JsonString string ? string.getString() : claim == null ? null : claim.toString();
    }
}
