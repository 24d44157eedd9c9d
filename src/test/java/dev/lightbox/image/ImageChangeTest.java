package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** PATCH and DELETE as the owner sees them: text changes, moves between levels, and what is left afterwards. */
@QuarkusTest
class ImageChangeTest {

    @Test
    void levelChangeMovesTheObjectAndKeepsTheBytes() {
        TestUser owner = Identities.signedIn("changer");
        byte[] bytes = TestImages.jpeg(8, 3);
        String id = TestImages.stream(owner, "c.jpg", bytes, "image/jpeg").then().statusCode(201).extract().path("id");
        given().when().get("/api/images/" + id).then().statusCode(404);

        String url = given().auth().oauth2(owner.accessToken()).contentType("application/json")
                .body(Map.of("level", "protected", "title", "Now shared", "description", "with everyone"))
                .when().patch("/api/images/" + id).then().statusCode(200)
                .body("level", equalTo("protected")).body("title", equalTo("Now shared"))
                .body("description", equalTo("with everyone")).body("width", equalTo(8))
                .extract().path("url");
        assertEquals(List.of("protected/" + owner.id() + "/" + id), TestImages.originalKeysContaining(id));
        assertArrayEquals(bytes, TestImages.get(url).body());
        given().when().get("/api/images/" + id).then().statusCode(200).body("title", equalTo("Now shared"));

        given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("level", "public"))
                .when().patch("/api/images/" + id).then().statusCode(200).body("title", equalTo("Now shared"));
        assertEquals(List.of("public/" + id), TestImages.originalKeysContaining(id));

        given().auth().oauth2(owner.accessToken()).when().delete("/api/images/" + id).then().statusCode(204);
        TestImages.assertNoObjectsContaining(id);
        given().auth().oauth2(owner.accessToken()).when().delete("/api/images/" + id).then().statusCode(404);
    }

    @Test
    void invalidChangesAreRefused() {
        TestUser owner = Identities.signedIn("bad-changer");
        String id = TestImages.readyImage(owner, "private");
        given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("level", "everyone"))
                .when().patch("/api/images/" + id).then().statusCode(400).body("errors[0].field", equalTo("level"));
        given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("title", "t".repeat(201)))
                .when().patch("/api/images/" + id).then().statusCode(400).body("errors[0].field", equalTo("title"));
        given().auth().oauth2(owner.accessToken()).contentType("application/json").body("{\"title\": 5")
                .when().patch("/api/images/" + id).then().statusCode(400);
        given().auth().oauth2(owner.accessToken()).when().get("/api/images/not-a-uuid").then().statusCode(404)
                .body("code", equalTo("image.not_found"));

        String pending = TestImages.startUpload(owner, TestImages.uploadBody("p.png", "image/png", 10, null))
                .then().statusCode(201).extract().path("image.id");
        given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("level", "public"))
                .when().patch("/api/images/" + pending).then().statusCode(409).body("code", equalTo("image.not_ready"));
        given().auth().oauth2(owner.accessToken()).when().delete("/api/images/" + pending).then().statusCode(204);
    }
}
