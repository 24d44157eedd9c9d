package dev.lightbox.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lightbox.problem.Problem;
import dev.lightbox.testsupport.FaultTestProfile;
import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * One account holding slow uploads cannot take the others' capacity (2 per user here), and an upload that stops
 * sending is ended after the stall timeout (3 s here) with its object removed.
 */
@QuarkusTest
@TestProfile(FaultTestProfile.class)
class UploadFairnessTest {

    @Test
    void slowUploadsOfOneUserLeaveRoomForOthersAndAreEndedWhenTheyStall() throws Exception {
        TestUser greedy = Identities.signedIn("greedy");
        TestUser other = Identities.signedIn("other");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(startSlowUpload(greedy));
            }
            Thread.sleep(300);  // both are admitted before the next request arrives
            TestImages.stream(greedy, "third.png", TestImages.png(4, 4), "image/png").then()
                    .statusCode(429).contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", notNullValue()).body("code", equalTo("upload.too_many"));
            TestImages.stream(other, "mine.png", TestImages.png(4, 4), "image/png").then().statusCode(201);

            for (Socket upload : held) {
                assertEquals(408, statusOf(upload), "a stalled upload is ended with 408");
            }
        } finally {
            for (Socket upload : held) {
                upload.close();
            }
        }
        FrozenDependenciesTest.eventually(() ->
                TestImages.stream(greedy, "later.png", TestImages.png(4, 4), "image/png").then().statusCode(201));
        ConsistencyAudit.assertRowsAndObjectsAgreeWithin(Duration.ofSeconds(30));
    }

    /** Sends the start of a multipart upload, with enough of the image for its object to be started, then nothing. */
    private static Socket startSlowUpload(TestUser user) throws IOException {
        String boundary = "slow-boundary";
        byte[] image = TestImages.paddedPng(64 * 1024);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        long declared = head.length() + image.length + ("\r\n--" + boundary + "--\r\n").length();
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.accessToken()
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + declared
                + "\r\n\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
        out.write(image, 0, image.length / 2);
        out.flush();
        return socket;
    }

    private static int statusOf(Socket upload) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(upload.getInputStream(), StandardCharsets.ISO_8859_1));
        String statusLine = reader.readLine();
        return Integer.parseInt(statusLine.split(" ")[1]);
    }
}
