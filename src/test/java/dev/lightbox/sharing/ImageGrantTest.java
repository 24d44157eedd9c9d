package dev.lightbox.sharing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.lightbox.image.TestImages;
import dev.lightbox.testsupport.AuditLines;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Sharing;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Sharing private images with chosen users and groups: what grantees get, what they never get, and what ends a grant. */
@QuarkusTest
class ImageGrantTest {

    @Test
    void aUserGrantByUsernameLetsTheGranteeReadButNeverChangeUntilWithdrawn() {
        TestUser owner = Identities.signedIn("patient");
        TestUser doctor = Identities.signedIn("doctor");
        String username = "dr_" + doctor.id().substring(0, 8).replace("-", "");
        given().auth().oauth2(doctor.accessToken()).contentType("application/json").body(Map.of("username", username))
                .put("/api/users/me/username").then().statusCode(200);
        String id = TestImages.readyImage(owner, "private");
        given().auth().oauth2(doctor.accessToken()).get("/api/images/" + id).then().statusCode(404);

        var granted = Sharing.grant(owner, id, Map.of("user", username)).then().statusCode(201)
                .body("userId", equalTo(doctor.id())).body("username", equalTo(username)).body("group", nullValue()).extract();
        String grantId = granted.path("id");
        assertTrue(granted.header("Location").endsWith("/api/images/" + id + "/grants/" + grantId), granted.header("Location"));
        Sharing.grants(owner, id).then().statusCode(200).body("items.id", equalTo(List.of(grantId)));

        given().auth().oauth2(doctor.accessToken()).get("/api/images/" + id).then().statusCode(200).body("level", equalTo("private"));
        given().auth().oauth2(doctor.accessToken()).redirects().follow(false).get("/api/images/" + id + "/content").then().statusCode(302);
        given().auth().oauth2(doctor.accessToken()).get("/api/images/shared-with-me").then().statusCode(200).body("items.id", hasItem(id));
        // Read only: no change, no delete, no re-sharing, no look at the other shares.
        given().auth().oauth2(doctor.accessToken()).contentType("application/json").body(Map.of("level", "public"))
                .patch("/api/images/" + id).then().statusCode(403).body("code", equalTo("image.not_owner"));
        given().auth().oauth2(doctor.accessToken()).delete("/api/images/" + id).then().statusCode(403);
        Sharing.grant(doctor, id, Map.of("group", "Doctor")).then().statusCode(403).body("code", equalTo("image.not_owner"));
        Sharing.link(doctor, id, Map.of()).then().statusCode(403);
        Sharing.grants(doctor, id).then().statusCode(403);
        given().auth().oauth2(doctor.accessToken()).delete("/api/images/" + id + "/grants/" + grantId).then().statusCode(403);

        given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/grants/" + grantId).then().statusCode(204);
        given().auth().oauth2(doctor.accessToken()).get("/api/images/" + id).then().statusCode(404);
        given().auth().oauth2(doctor.accessToken()).get("/api/images/shared-with-me").then().body("items.id", not(hasItem(id)));
        given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/grants/" + grantId).then().statusCode(404)
                .body("code", equalTo("share.not_found"));
    }

    @Test
    void aGroupGrantFollowsTheGroupsOfTheCurrentToken() {
        TestUser owner = Identities.signedIn("clinic-patient");
        TestUser doctor = Identities.signedIn("clinic-doctor", "Doctor");
        String id = TestImages.readyImage(owner, "private");
        Sharing.grant(owner, id, Map.of("group", "Doctor")).then().statusCode(201).body("group", equalTo("Doctor"))
                .body("userId", nullValue());
        given().auth().oauth2(doctor.accessToken()).get("/api/images/" + id).then().statusCode(200);
        given().auth().oauth2(doctor.accessToken()).get("/api/images/shared-with-me").then().body("items.id", hasItem(id));

        try (var cognito = Identities.client()) {
            cognito.adminRemoveUserFromGroup(remove -> remove.userPoolId(Identities.userPoolId()).username(doctor.email())
                    .groupName("Doctor"));
        }
        TestUser formerDoctor = Identities.signInAgain(doctor);
        given().auth().oauth2(formerDoctor.accessToken()).get("/api/images/" + id).then().statusCode(404);
        given().auth().oauth2(formerDoctor.accessToken()).get("/api/images/shared-with-me").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void grantsNameExactlyOneExistingUserOrGroupOnce() {
        TestUser owner = Identities.signedIn("granter");
        TestUser friend = Identities.signedIn("friend");
        String id = TestImages.readyImage(owner, "private");
        Sharing.grant(owner, id, Map.of()).then().statusCode(400).body("errors[0].field", equalTo("user"));
        Sharing.grant(owner, id, Map.of("user", friend.id(), "group", "Doctor")).then().statusCode(400);
        Sharing.grant(owner, id, Map.of("user", UUID.randomUUID().toString())).then().statusCode(404).body("code", equalTo("user.not_found"));
        Sharing.grant(owner, id, Map.of("user", "nobody_by_this_name")).then().statusCode(404).body("code", equalTo("user.not_found"));
        Sharing.grant(owner, id, Map.of("group", "NoSuchGroup")).then().statusCode(404).body("code", equalTo("group.not_found"));
        Sharing.grant(owner, id, Map.of("user", owner.id())).then().statusCode(400).body("code", equalTo("share.to_owner"));
        Sharing.grant(owner, id, Map.of("user", friend.id())).then().statusCode(201);
        Sharing.grant(owner, id, Map.of("user", friend.id())).then().statusCode(409).body("code", equalTo("share.exists"));
        given().contentType("application/json").body(Map.of("group", "Doctor")).post("/api/images/" + id + "/grants")
                .then().statusCode(401);
        Sharing.grant(owner, UUID.randomUUID().toString(), Map.of("user", friend.id())).then().statusCode(404)
                .body("code", equalTo("image.not_found"));
    }

    @Test
    void othersCannotEnumerateOrWithdrawSharesButAdminsSeeThemAll() {
        TestUser owner = Identities.signedIn("sharer");
        TestUser stranger = Identities.signedIn("stranger");
        TestUser admin = Identities.signedIn("share-admin", "Admin");
        String privateId = TestImages.readyImage(owner, "private");
        String publicId = TestImages.readyImage(owner, "public");
        String grantId = Sharing.grant(owner, privateId, Map.of("group", "Doctor")).then().statusCode(201).extract().path("id");
        String publicGrant = Sharing.grant(owner, publicId, Map.of("group", "Doctor")).then().statusCode(201).extract().path("id");

        Sharing.grants(stranger, privateId).then().statusCode(404).body("code", equalTo("image.not_found"));
        Sharing.grants(stranger, publicId).then().statusCode(403).body("code", equalTo("image.not_owner"));
        given().auth().oauth2(stranger.accessToken()).get("/api/images/" + publicId + "/links").then().statusCode(403);
        given().auth().oauth2(stranger.accessToken()).delete("/api/images/" + publicId + "/grants/" + publicGrant).then().statusCode(403);
        // A grant id is only ever found under its own image, even by the owner of another one.
        String strangersImage = TestImages.readyImage(stranger, "public");
        given().auth().oauth2(stranger.accessToken()).delete("/api/images/" + strangersImage + "/grants/" + grantId).then()
                .statusCode(404).body("code", equalTo("share.not_found"));
        given().auth().oauth2(stranger.accessToken()).get("/api/images/shared-with-me").then().statusCode(200)
                .body("items.id", not(hasItem(privateId)));

        Sharing.grants(admin, privateId).then().statusCode(200).body("items.id", equalTo(List.of(grantId)));
        given().auth().oauth2(admin.accessToken()).get("/api/images/shared-with-me?owner=" + owner.id()).then().statusCode(200)
                .body("items.id", equalTo(List.of(publicId, privateId)));
        Sharing.grant(admin, privateId, Map.of("user", stranger.id())).then().statusCode(403);
    }

    @Test
    void sharedWithMeIsFilteredAndPagedLikeTheOtherLists() {
        TestUser owner = Identities.signedIn("pager");
        TestUser reader = Identities.signedIn("reader");
        List<String> ids = List.of(TestImages.readyImage(owner, "private"), TestImages.readyImage(owner, "protected"),
                TestImages.readyImage(owner, "private"));
        ids.forEach(id -> Sharing.grant(owner, id, Map.of("user", reader.id())).then().statusCode(201));
        TestImages.readyImage(owner, "private"); // not shared

        JsonPath first = given().auth().oauth2(reader.accessToken()).get("/api/images/shared-with-me?limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getList("items.id"));
        given().auth().oauth2(reader.accessToken()).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/images/shared-with-me").then().body("items.id", equalTo(List.of(ids.get(0)))).body("nextCursor", nullValue());
        given().auth().oauth2(reader.accessToken()).get("/api/images/shared-with-me?level=protected").then()
                .body("items.id", equalTo(List.of(ids.get(1))));
        given().auth().oauth2(reader.accessToken()).get("/api/images/shared-with-me?owner=" + reader.id()).then()
                .body("items", equalTo(List.of()));
        given().auth().oauth2(reader.accessToken()).get("/api/images/shared-with-me?cursor=nonsense").then().statusCode(400)
                .body("code", equalTo("request.invalid_cursor"));
        given().get("/api/images/shared-with-me").then().statusCode(401);
    }

    @Test
    void levelMovesKeepGrantsAndDeletionsTakeThemAlong() throws Exception {
        TestUser owner = Identities.signedIn("mover-owner");
        TestUser reader = Identities.signedIn("mover-reader");
        TestUser admin = Identities.signedIn("mover-admin", "Admin");
        String id = TestImages.readyImage(owner, "private");
        Sharing.grant(owner, id, Map.of("user", reader.id())).then().statusCode(201);
        Sharing.link(owner, id, Map.of()).then().statusCode(201);
        for (String level : List.of("protected", "private")) {
            given().auth().oauth2(owner.accessToken()).contentType("application/json").body(Map.of("level", level))
                    .patch("/api/images/" + id).then().statusCode(200).body("level", equalTo(level));
        }
        given().auth().oauth2(reader.accessToken()).get("/api/images/" + id).then().statusCode(200);

        given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id).then().statusCode(204);
        assertEquals(0, rows("select count(*) from image_grant where image_id = ?", UUID.fromString(id)));
        assertEquals(0, rows("select count(*) from share_link where image_id = ?", UUID.fromString(id)));

        // Deleting a user removes the grants on its images and the grants naming it.
        String ownersImage = TestImages.readyImage(owner, "private");
        Sharing.grant(owner, ownersImage, Map.of("user", reader.id())).then().statusCode(201);
        TestUser other = Identities.signedIn("mover-other");
        String othersImage = TestImages.readyImage(other, "private");
        Sharing.grant(other, othersImage, Map.of("user", reader.id())).then().statusCode(201);
        given().auth().oauth2(admin.accessToken()).delete("/api/admin/users/" + owner.id()).then().statusCode(204);
        assertEquals(0, rows("select count(*) from image_grant where image_id = ?", UUID.fromString(ownersImage)));
        assertEquals(1, rows("select count(*) from image_grant where grantee_user_id = ?", reader.id()));
        given().auth().oauth2(admin.accessToken()).delete("/api/admin/users/" + reader.id()).then().statusCode(204);
        assertEquals(0, rows("select count(*) from image_grant where grantee_user_id = ?", reader.id()));
        Sharing.grants(other, othersImage).then().body("items", equalTo(List.of()));
    }

    @Test
    @DisabledOnIntegrationTest("the audit log is written by the application's own process")
    void grantingAndWithdrawingAreAudited() {
        TestUser owner = Identities.signedIn("audited");
        String id = TestImages.readyImage(owner, "private");
        String[] grantId = new String[1];
        List<String> lines = AuditLines.during(() -> {
            grantId[0] = Sharing.grant(owner, id, Map.of("group", "Doctor")).then().statusCode(201).extract().path("id");
            Sharing.grant(owner, id, Map.of("group", "Doctor")).then().statusCode(409);
            given().auth().oauth2(owner.accessToken()).delete("/api/images/" + id + "/grants/" + grantId[0]).then().statusCode(204);
        });
        String actor = "\"actor\":\"" + owner.id() + "\"";
        assertTrue(lines.stream().anyMatch(line -> line.contains(actor) && line.contains("\"action\":\"share.grant\"")
                && line.contains("\"target\":\"image:" + id + " group:Doctor\"") && line.contains("\"outcome\":\"success\"")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"share.grant\"") && line.contains("\"outcome\":\"share.exists\"")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains(actor) && line.contains("\"action\":\"share.withdraw\"")
                && line.contains("grant:" + grantId[0]) && line.contains("\"outcome\":\"success\"")), lines.toString());
    }

    private static long rows(String sql, Object parameter) throws Exception {
        try (Connection connection = TestImages.database(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
