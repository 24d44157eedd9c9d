package dev.lightbox.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class TokenVerificationIT extends TokenVerificationTest {
}
