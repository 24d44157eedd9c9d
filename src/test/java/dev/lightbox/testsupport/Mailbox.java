package dev.lightbox.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/** What the Cognito emulator "mailed": GET {endpoint}/_local/codes?email=..., newest first. */
public final class Mailbox {

    private Mailbox() {
    }

    /** The newest code of this purpose sent to {@code email} (sign-up, resend, forgot-password, passwordless, admin-invite). */
    public static String latestCode(String email, String purpose) {
        List<Map<String, String>> items = given().queryParam("email", email)
                .get(LocalStackResource.config("lightbox.cognito.endpoint") + "/_local/codes")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> purpose.equals(item.get("purpose"))).map(item -> item.get("code"))
                .findFirst().orElseThrow(() -> new AssertionError("No " + purpose + " code was sent to " + email));
    }
}
