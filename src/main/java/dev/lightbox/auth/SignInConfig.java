package dev.lightbox.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How users sign in beyond a password ({@code lightbox.sign-in.*}). */
@ConfigMapping(prefix = "lightbox.sign-in")
public interface SignInConfig {

    /** Which Cognito flow serves /api/auth/passwordless/*. */
    @WithDefault("custom-auth")
    PasswordlessFlow passwordlessFlow();

    /** The issuer an authenticator app shows beside the account (the {@code otpauth://} URI's label and issuer). */
    @WithDefault("Lightbox")
    String totpIssuer();

    enum PasswordlessFlow {
        /** CUSTOM_AUTH driven by the pool's Define/Create/Verify triggers (deployment/lambda/passwordless-auth). */
        CUSTOM_AUTH,
        /** Cognito's own choice-based sign-in: USER_AUTH with PREFERRED_CHALLENGE=EMAIL_OTP, no triggers. */
        EMAIL_OTP
    }
}
