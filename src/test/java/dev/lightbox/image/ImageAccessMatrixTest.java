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

import dev.lightbox.testsupport.Sharing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what to which image, as one table: every cell the contract defines, run against the real stack. Every
 * image is shared with the grantee (a grant naming the user), with the group {@code Doctor} (the member's group, as its
 * token says) and by a share link, which the holder (a guest) opens for "get" and whose content URL it fetches for
 * "content". "pending" is an upload its owner has not completed. "listed": 1 when in the caller's
 * {@code GET /api/images}; "shared": 1 when in its {@code GET /api/images/shared-with-me}. Delete cells act on a fresh
 * image each, so that a wrong answer cannot hide behind a missing fixture. The people and images are
 * {@link AccessFixture}'s; {@link ImageAccessPolicyTest} checks on the same ones that the policy's two forms agree.
 */
@QuarkusTest
class ImageAccessMatrixTest {

    private static final String[] CALLERS = { "guest", "owner", "other", "admin", "grantee", "member", "holder" };

    /** image, operation, then the answer for each of {@link #CALLERS}. */
    private static final Object[][] MATRIX = {
            { "public", "get", 200, 200, 200, 200, 200, 200, 200 },
            { "public", "content", 302, 302, 302, 302, 302, 302, 200 },
            { "public", "patch", 401, 200, 403, 403, 403, 403, 401 },
            { "public", "delete", 401, 204, 403, 204, 403, 403, 401 },
            { "public", "complete", 401, 409, 403, 403, 403, 403, 401 },
            { "public", "listed", 1, 1, 1, 1, 1, 1, 1 },
            { "public", "shared", 401, 0, 0, 1, 1, 1, 401 },
            { "protected", "get", 200, 200, 200, 200, 200, 200, 200 },
            { "protected", "content", 302, 302, 302, 302, 302, 302, 200 },
            { "protected", "patch", 401, 200, 403, 403, 403, 403, 401 },
            { "protected", "delete", 401, 204, 403, 204, 403, 403, 401 },
            { "protected", "complete", 401, 409, 403, 403, 403, 403, 401 },
            { "protected", "listed", 1, 1, 1, 1, 1, 1, 1 },
            { "protected", "shared", 401, 0, 0, 1, 1, 1, 401 },
            { "private", "get", 404, 200, 404, 200, 200, 200, 200 },
            { "private", "content", 404, 302, 404, 302, 302, 302, 200 },
            { "private", "patch", 401, 200, 404, 403, 403, 403, 401 },
            { "private", "delete", 401, 204, 404, 204, 403, 403, 401 },
            { "private", "complete", 401, 409, 404, 403, 403, 403, 401 },
            { "private", "listed", 0, 1, 0, 1, 1, 1, 0 },
            { "private", "shared", 401, 0, 0, 1, 1, 1, 401 },
            { "pending", "get", 404, 200, 404, 404, 404, 404, 404 },
            { "pending", "content", 404, 409, 404, 404, 404, 404, 404 },
            { "pending", "patch", 401, 200, 404, 404, 404, 404, 401 },
            { "pending", "delete", 401, 204, 404, 404, 404, 404, 401 },
            { "pending", "complete", 401, 409, 404, 404, 404, 404, 401 },
            { "pending", "listed", 0, 1, 0, 0, 0, 0, 0 },
            { "pending", "shared", 401, 0, 0, 0, 0, 0, 401 },
    };

    private static AccessFixture fixture;

    /** Made on first use: RestAssured knows the application's port only once a test runs, not in @BeforeAll. */
    private static synchronized AccessFixture fixture() {
        if (fixture == null) {
            fixture = AccessFixture.create();
        }
        return fixture;
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Object[] row : MATRIX) {
            for (int i = 0; i < CALLERS.length; i++) {
                cells.add(Arguments.of(CALLERS[i], row[1], row[0], row[i + 2]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("cells")
    void callerGetsTheContractsAnswer(String caller, String operation, String target, int expected) {
        AccessFixture.Shared image = operation.equals("delete") ? fixture().share(target) : fixture().images().get(target);
        String id = image.id();
        RequestSpecification request = as(caller).redirects().follow(false);
        int answer = switch (operation) {
            case "get" -> caller.equals("holder") ? Sharing.open(image.secret()).statusCode() : request.get("/api/images/" + id).statusCode();
            case "content" -> caller.equals("holder") ? contentThroughLink(image) : request.get("/api/images/" + id + "/content").statusCode();
            case "patch" -> request.contentType("application/json").body(Map.of("title", "renamed by " + caller))
                    .patch("/api/images/" + id).statusCode();
            case "delete" -> request.delete("/api/images/" + id).statusCode();
            case "complete" -> request.post("/api/images/" + id + "/complete").statusCode();
            case "listed" -> listed(request, "/api/images", id);
            case "shared" -> listed(request, "/api/images/shared-with-me", id);
            default -> throw new IllegalArgumentException(operation);
        };
        assertEquals(expected, answer);
        if (operation.equals("delete")) {
            // Whatever the answer, the image is there exactly when the answer was not 204.
            int afterwards = given().auth().oauth2(fixture().owner().accessToken()).get("/api/images/" + id).statusCode();
            assertEquals(expected == 204 ? 404 : 200, afterwards);
        }
    }

    private static int listed(RequestSpecification request, String list, String id) {
        var response = request.queryParam("owner", fixture().owner().id()).queryParam("limit", 100).get(list);
        if (response.statusCode() != 200) {
            return response.statusCode();
        }
        return response.jsonPath().getList("items.id").contains(id) ? 1 : 0;
    }

    /** The status of fetching the content URL an open of the link gives; 404 when the link does not open. */
    private static int contentThroughLink(AccessFixture.Shared image) {
        var opened = Sharing.open(image.secret());
        return opened.statusCode() != 200 ? opened.statusCode() : TestImages.get(opened.jsonPath().getString("image.url")).statusCode();
    }

    private static RequestSpecification as(String caller) {
        return caller.equals("guest") || caller.equals("holder") ? given()
                : given().auth().oauth2(fixture().users().get(caller).accessToken());
    }
}
