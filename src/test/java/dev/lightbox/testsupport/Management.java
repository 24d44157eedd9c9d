package dev.lightbox.testsupport;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/** Health, metrics and OpenAPI are on the management port, not the one RestAssured talks to by default. */
public final class Management {

    private Management() {
    }

    /** The absolute URL of {@code path} under the management root {@code /q} (e.g. /health/ready) on its port. */
    public static String url(String path) {
        return TestHTTPResourceManager.getManagementUri() + path;
    }
}
