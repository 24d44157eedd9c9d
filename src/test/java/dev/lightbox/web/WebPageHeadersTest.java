package dev.lightbox.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;

/** The web app is served at / with its security headers; the API's answers are left as they were. */
@QuarkusTest
class WebPageHeadersTest {

    @Test
    void pagesCarryAPolicyThatAllowsOnlyTheServiceAndTheBucket() {
        String bucketOrigin = LocalStackResource.config("lightbox.s3.endpoint");
        for (String path : new String[] { "/", "/js/app.js", "/app.css" }) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("img-src 'self' blob: " + bucketOrigin + ";"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        given().get("/").then().contentType(startsWith("text/html")).body(containsString("<script type=\"module\" src=\"js/app.js\">"));
        // A module script is refused unless served with a JavaScript type.
        given().get("/js/app.js").then().contentType(containsString("javascript"));
    }

    @Test
    void theApiAndUnknownPathsStayJsonWithoutThePagePolicy() {
        given().get("/api/images").then().statusCode(200).header("Content-Security-Policy", nullValue());
        given().get("/no-such-page").then().statusCode(404).contentType("application/problem+json");
    }
}
