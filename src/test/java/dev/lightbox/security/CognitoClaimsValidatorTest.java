package dev.lightbox.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;

class CognitoClaimsValidatorTest {

    private static final String CLIENT = "our-client";
    private static final String MACHINE = "back-office";

    @Test
    void accessTokenOfOurClientPasses() throws Exception {
        assertNull(validator(false).validate(context(access(CLIENT))));
    }

    @Test
    void accessTokenOfAnotherClientFails() throws Exception {
        assertNotNull(validator(false).validate(context(access("their-client"))));
    }

    @Test
    void idTokenFailsUnlessEnabled() throws Exception {
        assertNotNull(validator(false).validate(context(id(CLIENT))));
        assertNull(validator(true).validate(context(id(CLIENT))));
    }

    @Test
    void idTokenForAnotherAudienceFailsEvenWhenEnabled() throws Exception {
        assertNotNull(validator(true).validate(context(id("their-client"))));
    }

    @Test
    void clientCredentialsTokenOfAListedMachineClientPasses() throws Exception {
        assertNull(validator(false).validate(context(access(MACHINE))));
    }

    @Test
    void userTokenOfAListedMachineClientFails() throws Exception {
        JwtClaims claims = access(MACHINE);
        claims.setClaim("username", "someone");
        assertNotNull(validator(false).validate(context(claims)));
    }

    @Test
    void tokenWithoutTokenUseFails() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("client_id", CLIENT);
        assertNotNull(validator(true).validate(context(claims)));
    }

    private static JwtClaims access(String clientId) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("token_use", "access");
        claims.setClaim("client_id", clientId);
        return claims;
    }

    private static JwtClaims id(String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("token_use", "id");
        claims.setAudience(List.of(audience));
        return claims;
    }

    private static JwtContext context(JwtClaims claims) {
        return new JwtContext(claims.toJson(), claims, List.of());
    }

    private static CognitoClaimsValidator validator(boolean acceptIdTokens) {
        return new CognitoClaimsValidator(CLIENT, Set.of(MACHINE), acceptIdTokens);
    }
}
