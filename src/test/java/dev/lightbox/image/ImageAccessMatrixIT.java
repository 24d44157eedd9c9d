package dev.lightbox.image;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The access matrix against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class ImageAccessMatrixIT extends ImageAccessMatrixTest {
}
