package dev.lightbox.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The token matrix against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class TokenVerificationIT extends TokenVerificationTest {
}
