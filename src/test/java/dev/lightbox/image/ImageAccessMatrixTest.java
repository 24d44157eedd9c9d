package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what to which image, as one table: every cell the contract defines, run against the real stack.
 * "pending" is an upload its owner has not completed. Delete cells act on a fresh image each, so that a wrong
 * answer cannot hide behind a missing fixture.
 */
@QuarkusTest
class ImageAccessMatrixTest {

    private static final String[] OPERATIONS = { "get", "content", "patch", "delete", "complete", "listed" };

    /** caller, image: get, content, patch, delete, complete, listed (1 = in the caller's list, 0 = not). */
    private static final Object[][] MATRIX = {
            { "guest", "public", 200, 302, 401, 401, 401, 1 },
            { "guest", "protected", 200, 302, 401, 401, 401, 1 },
            { "guest", "private", 404, 404, 401, 401, 401, 0 },
            { "guest", "pending", 404, 404, 401, 401, 401, 0 },
            { "owner", "public", 200, 302, 200, 204, 409, 1 },
            { "owner", "protected", 200, 302, 200, 204, 409, 1 },
            { "owner", "private", 200, 302, 200, 204, 409, 1 },
            { "owner", "pending", 200, 409, 200, 204, 409, 1 },
            { "other", "public", 200, 302, 403, 403, 403, 1 },
            { "other", "protected", 200, 302, 403, 403, 403, 1 },
            { "other", "private", 404, 404, 404, 404, 404, 0 },
            { "other", "pending", 404, 404, 404, 404, 404, 0 },
            { "admin", "public", 200, 302, 403, 204, 403, 1 },
            { "admin", "protected", 200, 302, 403, 204, 403, 1 },
            { "admin", "private", 200, 302, 403, 204, 403, 1 },
            { "admin", "pending", 404, 404, 404, 404, 404, 0 },
    };

    private static TestUser owner;
    private static Map<String, TestUser> callers;
    private static Map<String, String> images;

    /** Made on first use: RestAssured knows the application's port only once a test runs, not in @BeforeAll. */
    private static synchronized void setUp() {
        if (images != null) {
            return;
        }
        owner = Identities.signedIn("matrix-owner");
        callers = Map.of("owner", owner, "other", Identities.signedIn("matrix-other"),
                "admin", Identities.signedIn("matrix-admin", "Admin"));
        images = Map.of("public", image("public"), "protected", image("protected"), "private", image("private"),
                "pending", image("pending"));
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Object[] row : MATRIX) {
            for (int i = 0; i < OPERATIONS.length; i++) {
                cells.add(Arguments.of(row[0], row[1], OPERATIONS[i], row[i + 2]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1} → {3}")
    @MethodSource("cells")
    void callerGetsTheContractsAnswer(String caller, String target, String operation, int expected) {
        setUp();
        String id = operation.equals("delete") ? image(target) : images.get(target);
        RequestSpecification request = as(caller).redirects().follow(false);
        int status = switch (operation) {
            case "get" -> request.get("/api/images/" + id).statusCode();
            case "content" -> request.get("/api/images/" + id + "/content").statusCode();
            case "patch" -> request.contentType("application/json").body(Map.of("title", "renamed by " + caller))
                    .patch("/api/images/" + id).statusCode();
            case "delete" -> request.delete("/api/images/" + id).statusCode();
            case "complete" -> request.post("/api/images/" + id + "/complete").statusCode();
            case "listed" -> request.queryParam("owner", owner.id()).queryParam("limit", 100).get("/api/images")
                    .then().statusCode(200).extract().jsonPath().getList("items.id").contains(id) ? 1 : 0;
            default -> throw new IllegalArgumentException(operation);
        };
        assertEquals(expected, status);
        if (operation.equals("delete")) {
            // Whatever the answer, the image is there exactly when the answer was not 204.
            int afterwards = given().auth().oauth2(owner.accessToken()).get("/api/images/" + id).statusCode();
            assertEquals(expected == 204 ? 404 : 200, afterwards);
        }
    }

    private static RequestSpecification as(String caller) {
        return caller.equals("guest") ? given() : given().auth().oauth2(callers.get(caller).accessToken());
    }

    /** A new image of the owner's at this level, or a pending upload. */
    private static String image(String target) {
        if (target.equals("pending")) {
            return TestImages.startUpload(owner, TestImages.uploadBody("later.png", "image/png", 100, "public"))
                    .then().statusCode(201).extract().path("image.id");
        }
        return TestImages.readyImage(owner, target);
    }
}
