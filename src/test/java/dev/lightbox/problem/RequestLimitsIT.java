package dev.lightbox.problem;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class RequestLimitsIT extends RequestLimitsTest {
}
