package dev.lightbox.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.AuthResponses.AuthenticatorSetup;
import dev.lightbox.auth.CognitoErrors.Operation;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaSettingsType;

/**
 * TOTP multi-factor authentication: a signed-in user sets up an authenticator app (Cognito's AssociateSoftwareToken
 * and VerifySoftwareToken, on the user's own access token) and turns it on or off; an admin turns it off for a user
 * who lost the app. Cognito keeps the secret; we never store it.
 */
@ApplicationScoped
public class MfaService {

    private final UserPool pool;
    private final String issuer;

    public MfaService(UserPool pool, SignInConfig config) {
        this.pool = pool;
        this.issuer = config.totpIssuer();
    }

    /** A new secret for an authenticator app; the one in use (if any) stays until the new one is verified. */
    public Uni<AuthenticatorSetup> setUp(String accessToken, String cognitoUsername) {
        Uni<String> email = pool.call(Operation.MFA, cognito -> cognito.adminGetUser(get -> get.userPoolId(pool.poolId())
                .username(cognitoUsername))).map(user -> UserPool.attributeValue(user.userAttributes(), "email"));
        return pool.call(Operation.MFA, cognito -> cognito.associateSoftwareToken(associate -> associate.accessToken(accessToken)))
                .flatMap(associated -> email.map(account -> new AuthenticatorSetup(associated.secretCode(),
                        otpauthUri(associated.secretCode(), account == null ? cognitoUsername : account))));
    }

    /** Checks the app's first code and turns MFA on: from the next sign-in on, the password alone is not enough. */
    public Uni<Void> confirm(String accessToken, String code, String deviceName) {
        return pool.call(Operation.MFA, cognito -> cognito.verifySoftwareToken(verify -> verify.accessToken(accessToken)
                        .userCode(code).friendlyDeviceName(deviceName)))
                .flatMap(verified -> setEnabled(accessToken, true));
    }

    public Uni<Void> setEnabled(String accessToken, boolean enabled) {
        return pool.call(Operation.MFA, cognito -> cognito.setUserMFAPreference(preference -> preference
                .accessToken(accessToken).softwareTokenMfaSettings(settings(enabled)))).replaceWithVoid();
    }

    /** An admin's reset: the password alone signs the user in again, until it sets up an app anew. */
    public Uni<Void> reset(String cognitoUsername) {
        return pool.call(Operation.ADMIN, cognito -> cognito.adminSetUserMFAPreference(preference -> preference
                .userPoolId(pool.poolId()).username(cognitoUsername).softwareTokenMfaSettings(settings(false)))).replaceWithVoid();
    }

    private static SoftwareTokenMfaSettingsType settings(boolean enabled) {
        return SoftwareTokenMfaSettingsType.builder().enabled(enabled).preferredMfa(enabled).build();
    }

    /** The Key URI Format authenticator apps read from a QR code: otpauth://totp/Issuer:account?secret=...&issuer=... */
    String otpauthUri(String secret, String account) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
