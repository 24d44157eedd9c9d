package dev.lightbox.sharing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lightbox.image.TestImages;
import dev.lightbox.testsupport.AuditLines;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Sharing;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Links that open a private image without an account, for a while, a number of times, until revoked. */
@QuarkusTest
class ShareLinkTest {

    /** What the issue asks of a revoked link: no access a minute later, whatever content URL it gave before. */
    private static final Duration REVOCATION_BITES_WITHIN = Duration.ofMinutes(1);

    @Test
    void aLinkOpensTheImageWithoutAnAccountAsOftenAsAllowed() {
        TestUser owner = Identities.signedIn("linker");
        byte[] png = TestImages.png(4, 3);
        String id = TestImages.readyImage(owner, "private");
        JsonPath created = Sharing.link(owner, id, Map.of("maxOpens", 2)).then().statusCode(201)
                .body("link.status", equalTo("active")).body("link.opens", equalTo(0)).body("link.maxOpens", equalTo(2))
                .extract().jsonPath();
        String secret = created.getString("secret");
        assertTrue(Base64.getUrlDecoder().decode(secret).length >= 16 + 16, "at least 128 random bits besides the id");
        Instant expiresAt = Instant.parse(created.getString("link.expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).compareTo(Duration.ofHours(23)) > 0, "a day by default");

        JsonPath opened = Sharing.open(secret).then().statusCode(200).body("image.id", equalTo(id))
                .body("image.level", equalTo("private")).body("opensLeft", equalTo(1)).extract().jsonPath();
        Instant urlExpiresAt = Instant.parse(opened.getString("image.urlExpiresAt"));
        assertFalse(urlExpiresAt.isAfter(Instant.now().plus(REVOCATION_BITES_WITHIN)), "the content URL is short-lived");
        var content = TestImages.get(opened.getString("image.url"));
        assertEquals(200, content.statusCode());
        assertArrayEquals(png, content.body());

        Sharing.open(secret).then().statusCode(200).body("opensLeft", equalTo(0));
        Sharing.open(secret).then().statusCode(404).body("code", equalTo("link.not_found"));
        links(owner, id).then().body("items[0].status", equalTo("exhausted")).body("items[0].opens", equalTo(2))
                .body("items[0].secret", nullValue());
    }

    @Test
    void anExpiredLinkNoLongerOpens() throws InterruptedException {
        TestUser owner = Identities.signedIn("expirer");
        String id = TestImages.readyImage(owner, "private");
        String secret = Sharing.link(owner, id, Map.of("expiresInSeconds", 1)).then().statusCode(201).extract().path("secret");
        Thread.sleep(1500);
        Sharing.open(secret).then().statusCode(404).body("code", equalTo("link.not_found"));
        links(owner, id).then().body("items[0].status", equalTo("expired"));
        Sharing.link(owner, id, Map.of("expiresInSeconds", Duration.ofDays(30).toSeconds() + 1)).then().statusCode(400)
                .body("errors[0].field", equalTo("expiresInSeconds"));
        Sharing.link(owner, id, Map.of("maxOpens", 0)).then().statusCode(400);
    }

    @Test
    void aRevokedLinkStopsAtOnceAndItsLastContentUrlDiesWithinItsLifetime() throws InterruptedException {
        TestUser owner = Identities.signedIn("revoker");
        String id = TestImages.readyImage(owner, "private");
        JsonPath created = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().jsonPath();
        JsonPath opened = Sharing.open(created.getString("secret")).then().statusCode(200).extract().jsonPath();
        String url = opened.getString("image.url");
        Instant urlExpiresAt = Instant.parse(opened.getString("image.urlExpiresAt"));

        given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/links/" + created.getString("link.id"))
                .then().statusCode(204);
        Sharing.open(created.getString("secret")).then().statusCode(404).body("code", equalTo("link.not_found"));
        links(owner, id).then().body("items[0].status", equalTo("revoked"));
        given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/links/" + created.getString("link.id"))
                .then().statusCode(204);

        assertEquals(200, TestImages.get(url).statusCode(), "the URL given before the revocation works for its short life");
        // %test.lightbox.sharing.link-url-ttl is a few seconds, so that this test can see the URL die.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), urlExpiresAt).toMillis()) + 1000);
        assertEquals(403, TestImages.get(url).statusCode(), "the URL handed out before the revocation has expired");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "unknown", "tampered", "malformed", "empty-ish", "revoked" })
    void everyLinkThatDoesNotOpenGetsTheSameAnswer(String kind) {
        TestUser owner = Identities.signedIn("lookalike");
        String id = TestImages.readyImage(owner, "private");
        JsonPath created = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().jsonPath();
        String secret = created.getString("secret");
        String presented = switch (kind) {
            case "unknown" -> Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[48]);
            case "tampered" -> secret.substring(0, secret.length() - 2) + (secret.endsWith("AA") ? "BA" : "AA");
            case "malformed" -> "../../etc/passwd";
            case "empty-ish" -> "x";
            case "revoked" -> {
                given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/links/" + created.getString("link.id"))
                        .then().statusCode(204);
                yield secret;
            }
            default -> throw new IllegalArgumentException(kind);
        };
        Sharing.open(presented).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("link.not_found"))
                .body("detail", equalTo("This link does not exist, has expired, or was revoked."));
    }

    @Test
    void theSecretIsNowhereInTheDatabase() throws Exception {
        TestUser owner = Identities.signedIn("hasher");
        String id = TestImages.readyImage(owner, "private");
        String secret = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().path("secret");
        Sharing.open(secret).then().statusCode(200);
        byte[] random = java.util.Arrays.copyOfRange(Base64.getUrlDecoder().decode(secret), 16, 48);
        String randomHex = HexFormat.of().formatHex(random);
        List<String> found = new ArrayList<>();
        try (Connection connection = TestImages.database(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            assertTrue(tables.contains("share_link"), tables.toString());
            for (String table : tables) {
                try (ResultSet result = statement.executeQuery("select count(*) from " + table + " t where t::text like '%"
                        + secret.replace("_", "\\_") + "%' or t::text like '%" + randomHex + "%'")) {
                    result.next();
                    if (result.getLong(1) > 0) {
                        found.add(table);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "tables holding the secret or its random part in clear");
    }

    @Test
    void onlyTheOwnerMakesLinksAndOthersCannotListOrRevokeThem() {
        TestUser owner = Identities.signedIn("link-owner");
        TestUser stranger = Identities.signedIn("link-stranger");
        TestUser admin = Identities.signedIn("link-admin", "Admin");
        String id = TestImages.readyImage(owner, "protected");
        String linkId = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().path("link.id");
        Sharing.link(stranger, id, Map.of()).then().statusCode(403).body("code", equalTo("image.not_owner"));
        links(stranger, id).then().statusCode(403);
        given().auth().oauth2(stranger.accessToken()).delete("/api/images/" + id + "/links/" + linkId).then().statusCode(403);
        String strangersImage = TestImages.readyImage(stranger, "public");
        given().auth().oauth2(stranger.accessToken()).delete("/api/images/" + strangersImage + "/links/" + linkId).then()
                .statusCode(404).body("code", equalTo("share.not_found"));
        given().post("/api/images/" + id + "/links").then().statusCode(401);

        links(admin, id).then().statusCode(200).body("items.id", equalTo(List.of(linkId)));
        given().auth().oauth2(admin.accessToken()).delete("/api/images/" + id + "/links/" + linkId).then().statusCode(204);
        links(owner, id).then().body("items[0].status", equalTo("revoked"));
    }

    @Test
    void linksArePagedNewestFirst() {
        TestUser owner = Identities.signedIn("many-links");
        String id = TestImages.readyImage(owner, "private");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().path("link.id"));
        }
        JsonPath first = given().auth().oauth2(owner.accessToken()).get("/api/images/" + id + "/links?limit=2").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getList("items.id"));
        given().auth().oauth2(owner.accessToken()).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/images/" + id + "/links").then().body("items.id", equalTo(List.of(ids.get(0))))
                .body("nextCursor", nullValue());
    }

    @Test
    @DisabledOnIntegrationTest("the audit log is written by the application's own process")
    void creatingRevokingAndOpeningAreAudited() {
        TestUser owner = Identities.signedIn("link-audit");
        String id = TestImages.readyImage(owner, "private");
        String[] link = new String[2];
        List<String> lines = AuditLines.during(() -> {
            JsonPath created = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().jsonPath();
            link[0] = created.getString("link.id");
            link[1] = created.getString("secret");
            Sharing.open(link[1]).then().statusCode(200);
            given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/links/" + link[0]).then().statusCode(204);
            Sharing.open(link[1]).then().statusCode(404);
        });
        String all = String.join("\n", lines);
        assertTrue(all.contains("\"action\":\"link.create\",\"target\":\"image:" + id + "\",\"outcome\":\"success\""), all);
        assertTrue(all.contains("\"action\":\"link.open\",\"target\":\"link:" + link[0] + "\",\"outcome\":\"success\""), all);
        assertTrue(all.contains("\"action\":\"link.revoke\",\"target\":\"image:" + id + " link:" + link[0] + "\",\"outcome\":\"success\""), all);
        assertTrue(all.contains("\"action\":\"link.open\",\"target\":\"link:" + link[0] + "\",\"outcome\":\"link.not_found\""), all);
        assertTrue(lines.stream().filter(line -> line.contains("link.open")).allMatch(line -> line.contains("\"actor\":\"guest@")), all);
        assertFalse(all.contains(link[1]), "the secret itself is never logged");
    }

    private static io.restassured.response.Response links(TestUser caller, String imageId) {
        return given().auth().oauth2(caller.accessToken()).get("/api/images/" + imageId + "/links");
    }
}
