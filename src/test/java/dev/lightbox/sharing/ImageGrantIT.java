package dev.lightbox.sharing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class ImageGrantIT extends ImageGrantTest {
}
