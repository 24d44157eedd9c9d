package dev.lightbox.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application (the native binary with -Dnative) serves the web app the same way. */
@QuarkusIntegrationTest
class WebPageHeadersIT extends WebPageHeadersTest {
}
