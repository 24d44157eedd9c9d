package dev.lightbox.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.image.TestImages;
import dev.lightbox.testsupport.AuditLines;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Mailbox;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AdminTest {

    private static TestUser admin;
    private static TestUser member;
    private static TestUser target;

    @BeforeAll
    static void users() {
        admin = Identities.signedIn("admin", "Admin");
        member = Identities.signedIn("member", "Patient");
        target = Identities.signedIn("target");
    }

    enum Caller { ADMIN, MEMBER, GUEST }

    record Endpoint(String name, Function<RequestSpecification, Response> call, int adminStatus) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET users", request -> request.get("/api/admin/users"), 200),
                new Endpoint("GET user", request -> request.get("/api/admin/users/" + target.id()), 200),
                new Endpoint("POST user", request -> request.contentType(ContentType.JSON)
                        .body(Map.of("email", Identities.uniqueEmail("matrix-invite"))).post("/api/admin/users"), 201),
                new Endpoint("PUT group", request -> request.put("/api/admin/users/" + target.id() + "/groups/Doctor"), 204),
                new Endpoint("DELETE group", request -> request.delete("/api/admin/users/" + target.id() + "/groups/Doctor"), 204),
                new Endpoint("POST disable", request -> request.post("/api/admin/users/" + target.id() + "/disable"), 204),
                new Endpoint("POST enable", request -> request.post("/api/admin/users/" + target.id() + "/enable"), 204),
                new Endpoint("POST reset-password", request -> request.post("/api/admin/users/" + target.id() + "/reset-password"), 202),
                new Endpoint("GET groups", request -> request.get("/api/admin/groups"), 200),
                new Endpoint("PUT quota", request -> request.contentType(ContentType.JSON).body(Map.of("maxImages", 1000))
                        .put("/api/admin/users/" + target.id() + "/quota"), 200),
                new Endpoint("DELETE user", request -> request.delete("/api/admin/users/" + Identities.signedIn("doomed").id()), 204));
    }

    static Stream<Arguments> matrix() {
        return endpoints().stream().flatMap(endpoint -> Stream.of(
                Arguments.of(endpoint, Caller.ADMIN, endpoint.adminStatus()),
                Arguments.of(endpoint, Caller.MEMBER, 403),
                Arguments.of(endpoint, Caller.GUEST, 401)));
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void onlyAdminsMayUseTheAdminApi(Endpoint endpoint, Caller caller, int status) {
        RequestSpecification request = switch (caller) {
            case ADMIN -> given().auth().oauth2(admin.accessToken());
            case MEMBER -> given().auth().oauth2(member.accessToken());
            case GUEST -> given();
        };
        Response response = endpoint.call().apply(request);
        response.then().statusCode(status);
        if (status >= 400) {
            response.then().contentType("application/problem+json");
        }
    }

    @Test
    void disablingSignsTheUserOutAndKeepsItOut() throws InterruptedException {
        TestUser user = Identities.signedIn("to-disable");
        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().statusCode(200);
        given().auth().oauth2(admin.accessToken()).post("/api/admin/users/" + user.id() + "/disable").then().statusCode(204);

        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", Identities.PASSWORD))
                .post("/api/auth/sign-in").then().statusCode(403).body("code", equalTo("auth.user_disabled"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.refreshToken()))
                .post("/api/auth/refresh").then().statusCode(401);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + user.id()).then().statusCode(200)
                .body("enabled", equalTo(false)).body("status", equalTo("CONFIRMED"));

        given().auth().oauth2(admin.accessToken()).post("/api/admin/users/" + user.id() + "/enable").then().statusCode(204);
        awaitNextSecond(); // sessions begun in the second of the sign-out count as before it
        given().auth().oauth2(Identities.signInAgain(user).accessToken()).get("/api/users/me").then().statusCode(200)
                .body("enabled", equalTo(true));
    }

    @Test
    void resetPasswordRequiresANewPasswordBeforeTheNextSignIn() {
        TestUser user = Identities.signedIn("to-reset");
        given().auth().oauth2(admin.accessToken()).post("/api/admin/users/" + user.id() + "/reset-password")
                .then().statusCode(202);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + user.id()).then()
                .body("status", equalTo("RESET_REQUIRED"));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", Identities.PASSWORD))
                .post("/api/auth/sign-in").then().statusCode(403).body("code", equalTo("auth.password_reset_required"));
        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().statusCode(401);

        given().contentType(ContentType.JSON).body(Map.of("email", user.email(),
                        "code", Mailbox.latestCode(user.email(), "forgot-password"), "newPassword", "Brand-New-Pass-1"))
                .post("/api/auth/confirm-forgot-password").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", "Brand-New-Pass-1"))
                .post("/api/auth/sign-in").then().statusCode(200);
    }

    @Test
    void inviteCreatesAUserWhoMustChooseAPassword() {
        String email = Identities.uniqueEmail("invited");
        String id = given().auth().oauth2(admin.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Iris Invited", "groups", List.of("Doctor")))
                .post("/api/admin/users").then().statusCode(201)
                .header("Location", containsString("/api/admin/users/"))
                .body("status", equalTo("FORCE_CHANGE_PASSWORD")).body("email", equalTo(email))
                .body("groups", equalTo(List.of("Doctor"))).body("name", equalTo("Iris Invited"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Mailbox.latestCode(email, "admin-invite")))
                .post("/api/auth/sign-in").then().statusCode(200).body("challenge", equalTo("NEW_PASSWORD_REQUIRED"));

        given().auth().oauth2(admin.accessToken()).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/admin/users").then().statusCode(409).body("code", equalTo("auth.user_exists"));
        String other = Identities.uniqueEmail("invited-nowhere");
        given().auth().oauth2(admin.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", other, "groups", List.of("NoSuchGroup")))
                .post("/api/admin/users").then().statusCode(404).body("code", equalTo("group.not_found"));
        given().auth().oauth2(admin.accessToken()).queryParam("email", other).get("/api/admin/users").then()
                .body("items", hasSize(0));
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + id).then().statusCode(200);
    }

    @Test
    void groupMembershipChangesAndUnknownsAreNotFound() {
        TestUser user = Identities.signedIn("grouped");
        String base = "/api/admin/users/" + user.id() + "/groups/";
        given().auth().oauth2(admin.accessToken()).put(base + "Doctor").then().statusCode(204);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + user.id()).then().body("groups", hasItem("Doctor"));
        given().auth().oauth2(admin.accessToken()).delete(base + "Doctor").then().statusCode(204);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + user.id()).then().body("groups", hasSize(0));

        given().auth().oauth2(admin.accessToken()).put(base + "NoSuchGroup").then().statusCode(404)
                .body("code", equalTo("group.not_found"));
        given().auth().oauth2(admin.accessToken()).put("/api/admin/users/" + UUID.randomUUID() + "/groups/Doctor")
                .then().statusCode(404).body("code", equalTo("user.not_found"));
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + user.email()).then().statusCode(404);
    }

    @Test
    void adminsCannotLockThemselvesOut() {
        TestUser self = Identities.signedIn("self-admin", "Admin");
        given().auth().oauth2(self.accessToken()).post("/api/admin/users/" + self.id() + "/disable").then().statusCode(409)
                .body("code", equalTo("admin.self_action"));
        given().auth().oauth2(self.accessToken()).delete("/api/admin/users/" + self.id() + "/groups/Admin").then()
                .statusCode(409);
    }

    @Test
    void listsFilterAndPageWithOurCursor() {
        String prefix = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        List<TestUser> paged = List.of(Identities.signedIn(prefix + "-a"), Identities.signedIn(prefix + "-b"),
                Identities.signedIn(prefix + "-c"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(admin.accessToken()).queryParam("email", prefix).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/admin/users").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.email"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertTrue(seen.containsAll(paged.stream().map(TestUser::email).toList()) && seen.size() == 3, seen.toString());

        String firstCursor = given().auth().oauth2(admin.accessToken()).queryParam("email", prefix).queryParam("limit", 1)
                .get("/api/admin/users").then().extract().path("nextCursor");
        given().auth().oauth2(admin.accessToken()).queryParam("group", "Admin").queryParam("cursor", firstCursor)
                .get("/api/admin/users").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(admin.accessToken()).queryParam("cursor", "%%%not-base64")
                .get("/api/admin/users").then().statusCode(400);

        given().auth().oauth2(admin.accessToken()).queryParam("group", "Admin").queryParam("limit", 100)
                .get("/api/admin/users").then().statusCode(200).body("items.groups", everyItem(hasItem("Admin")))
                .body("items.id", hasItem(admin.id()));
        given().auth().oauth2(admin.accessToken()).queryParam("status", "CONFIRMED").queryParam("email", prefix)
                .get("/api/admin/users").then().statusCode(400);
        given().auth().oauth2(admin.accessToken()).queryParam("status", "CONFIRMED").queryParam("limit", 5)
                .get("/api/admin/users").then().statusCode(200).body("items.status", everyItem(equalTo("CONFIRMED")));
        given().auth().oauth2(admin.accessToken()).queryParam("group", "NoSuchGroup")
                .get("/api/admin/users").then().statusCode(404).body("code", equalTo("group.not_found"));
        given().auth().oauth2(admin.accessToken()).queryParam("limit", 0).get("/api/admin/users").then().statusCode(400);
        given().auth().oauth2(admin.accessToken()).queryParam("limit", 101).get("/api/admin/users").then().statusCode(400);
        given().auth().oauth2(admin.accessToken()).queryParam("status", "SLEEPY").get("/api/admin/users").then().statusCode(400);
    }

    @Test
    void deletingAUserRemovesItsImagesRowsAndObjects() throws IOException, SQLException {
        TestUser owner = Identities.signedIn("doomed-owner");
        String username = "doomed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON).body(Map.of("username", username))
                .put("/api/users/me/username").then().statusCode(200);
        List<Map<String, String>> images = new ArrayList<>();
        for (String level : List.of("private", "public")) {
            var image = given().auth().oauth2(owner.accessToken()).multiPart("file", "p.png", png(), "image/png")
                    .multiPart("level", level).post("/api/images").then().statusCode(201).extract().jsonPath();
            images.add(Map.of("id", image.getString("id"), "url", image.getString("url")));
            assertEquals(200, status(image.getString("url")));
        }
        given().auth().oauth2(owner.accessToken()).get("/api/users/me").then().statusCode(200).body("usage.images", equalTo(2));

        given().auth().oauth2(admin.accessToken()).delete("/api/admin/users/" + owner.id()).then().statusCode(204);

        given().auth().oauth2(admin.accessToken()).get("/api/admin/users/" + owner.id()).then().statusCode(404);
        for (Map<String, String> image : images) {
            given().auth().oauth2(admin.accessToken()).get("/api/images/" + image.get("id")).then().statusCode(404);
            assertEquals(404, status(image.get("url")), "the object is gone");
        }
        given().auth().oauth2(owner.accessToken()).get("/api/users/me").then().statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
        given().contentType(ContentType.JSON).body(Map.of("email", owner.email(), "password", Identities.PASSWORD))
                .post("/api/auth/sign-in").then().statusCode(401).body("code", equalTo("auth.invalid_credentials"));
        given().get("/api/users/" + username).then().statusCode(404);
        given().auth().oauth2(admin.accessToken()).delete("/api/admin/users/" + owner.id()).then().statusCode(404);
        try (Connection db = TestImages.database();
                PreparedStatement quota = db.prepareStatement("select count(*) from user_quota where user_id = ?")) {
            quota.setString(1, owner.id());
            try (ResultSet count = quota.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1), "its quota row went with it");
            }
        }
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void groupsAreListed() {
        given().auth().oauth2(admin.accessToken()).get("/api/admin/groups").then().statusCode(200)
                .body("items.name", hasItems("Admin", "Patient", "Doctor"));
    }

    @Test
    @DisabledOnIntegrationTest("the audit log is written by the application's own process")
    void everyAdminActionIsAudited() {
        List<String> lines = AuditLines.during(() -> {
            given().auth().oauth2(admin.accessToken()).put("/api/admin/users/" + target.id() + "/groups/NoSuchGroup")
                    .then().statusCode(404);
            given().auth().oauth2(admin.accessToken()).put("/api/admin/users/" + target.id() + "/groups/Patient")
                    .then().statusCode(204);
        });
        String failure = "{\"time\":\"";
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(failure) && line.contains("\"actor\":\"" + admin.id() + "\"")
                && line.contains("\"action\":\"group.add:NoSuchGroup\"") && line.contains("\"target\":\"" + target.id() + "\"")
                && line.contains("\"outcome\":\"group.not_found\"")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"group.add:Patient\"")
                && line.contains("\"outcome\":\"success\"")), lines.toString());
    }

    static void awaitNextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

}
