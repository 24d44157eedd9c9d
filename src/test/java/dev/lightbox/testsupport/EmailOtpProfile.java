package dev.lightbox.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A pool that signs in with Cognito's own emailed codes (USER_AUTH, EMAIL_OTP) instead of our triggers: one more boot. */
public class EmailOtpProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lightbox.sign-in.passwordless-flow", "email-otp");
    }
}
