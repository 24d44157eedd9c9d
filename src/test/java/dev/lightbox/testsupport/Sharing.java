package dev.lightbox.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.lightbox.testsupport.Identities.TestUser;
import io.restassured.response.Response;

/** The sharing API, as the tests call it. */
public final class Sharing {

    private Sharing() {
    }

    /** POST /api/images/{id}/grants with {"user"} or {"group"}. */
    public static Response grant(TestUser caller, String imageId, Map<String, Object> body) {
        return given().auth().oauth2(caller.accessToken()).contentType("application/json").body(body)
                .post("/api/images/" + imageId + "/grants");
    }

    /** GET /api/images/{id}/grants. */
    public static Response grants(TestUser caller, String imageId) {
        return given().auth().oauth2(caller.accessToken()).get("/api/images/" + imageId + "/grants");
    }

    /** POST /api/images/{id}/links with {"expiresInSeconds"?, "maxOpens"?}. */
    public static Response link(TestUser caller, String imageId, Map<String, Object> body) {
        return given().auth().oauth2(caller.accessToken()).contentType("application/json").body(body)
                .post("/api/images/" + imageId + "/links");
    }

    /** POST /api/links/open as a guest. */
    public static Response open(String secret) {
        return given().contentType("application/json").body(Map.of("secret", secret)).post("/api/links/open");
    }
}
