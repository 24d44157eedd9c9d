package dev.lightbox.image;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class ImageUploadAttackIT extends ImageUploadAttackTest {
}
