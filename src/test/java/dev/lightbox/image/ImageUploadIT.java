package dev.lightbox.image;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Uploads of every accepted type against the packaged application (the native binary with -Dnative). */
@QuarkusIntegrationTest
class ImageUploadIT extends ImageUploadTest {
}
