package dev.lightbox.image;

import java.util.Map;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import dev.lightbox.testsupport.Sharing;
import io.restassured.path.json.JsonPath;

/**
 * The people and images of the access matrix: an owner, another user, an admin, a grantee and a member of the group
 * {@code Doctor}; and the owner's public, protected, private and pending images, each shared with the grantee (a
 * grant naming the user), with {@code Doctor} and by a share link.
 */
record AccessFixture(TestUser owner, Map<String, TestUser> users, Map<String, AccessFixture.Shared> images) {

    /** An image of the owner's and the secret of its link. */
    record Shared(String id, String secret) {
    }

    static AccessFixture create() {
        TestUser owner = Identities.signedIn("matrix-owner");
        Map<String, TestUser> users = Map.of("owner", owner, "other", Identities.signedIn("matrix-other"),
                "admin", Identities.signedIn("matrix-admin", "Admin"), "grantee", Identities.signedIn("matrix-grantee"),
                "member", Identities.signedIn("matrix-member", "Doctor"));
        AccessFixture fixture = new AccessFixture(owner, users, Map.of());
        return new AccessFixture(owner, users, Map.of("public", fixture.share("public"), "protected", fixture.share("protected"),
                "private", fixture.share("private"), "pending", fixture.share("pending")));
    }

    /** A new image of the owner's at this level (or a pending upload), shared with the grantee, Doctor, and a link. */
    Shared share(String target) {
        String id = target.equals("pending")
                ? TestImages.startUpload(owner, TestImages.uploadBody("later.png", "image/png", 100, "public"))
                        .then().statusCode(201).extract().path("image.id")
                : TestImages.readyImage(owner, target);
        Sharing.grant(owner, id, Map.of("user", users.get("grantee").id())).then().statusCode(201);
        Sharing.grant(owner, id, Map.of("group", "Doctor")).then().statusCode(201);
        JsonPath link = Sharing.link(owner, id, Map.of()).then().statusCode(201).extract().jsonPath();
        return new Shared(id, link.getString("secret"));
    }
}
