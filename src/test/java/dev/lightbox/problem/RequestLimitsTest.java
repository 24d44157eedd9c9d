package dev.lightbox.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Identities;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * JSON bodies are refused with 413 before they are read whole or parsed; the largest valid one still passes. Answers
 * carry the headers clients rely on: nosniff everywhere, no-store on tokens.
 */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void aDeclaredFortyMegabyteJsonBodyIsRefusedBeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/sign-up HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 41943040\r\n\r\n{\"email\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", in.readLine());
        }
    }

    @Test
    void aChunkedJsonBodyIsCutOffAtTheLimit() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(signUp(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeSignUp()))),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
        assertTrue(response.body().contains("\"code\":\"request.too_large\""), response.body());
    }

    /** Java's client upgrades to HTTP/2 (h2c): JSON bodies work there too, and large ones are refused. */
    @Test
    void http2ClientsAreServedAndRefusedAlike() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        http2.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/images")).build(),
                HttpResponse.BodyHandlers.discarding());
        String wrongPassword = "{\"email\":\"nobody@example.test\",\"password\":\"Wrong-Password-1\"}";
        HttpResponse<String> signIn = http2.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/auth/sign-in")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(wrongPassword)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, signIn.version());
        assertEquals(401, signIn.statusCode(), signIn.body());

        HttpResponse<String> huge = http2.send(signUp(HttpRequest.BodyPublishers.ofByteArray(hugeSignUp())),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, huge.statusCode(), huge.body());
        HttpResponse<String> hugeUndeclared = http2.send(
                signUp(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeSignUp()))),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(hugeUndeclared.statusCode() == 400 || hugeUndeclared.statusCode() == 413, hugeUndeclared.body());
        assertTrue(hugeUndeclared.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
    }

    private static HttpRequest signUp(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/auth/sign-up"))
                .header("Content-Type", "application/json").POST(body).build();
    }

    private static byte[] hugeSignUp() {
        return ("{\"email\":\"a@example.test\",\"password\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLargestValidBodyStillPasses() {
        TestUser owner = Identities.signedIn("largest-body");
        String id = given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("filename", "a.png", "contentType", "image/png", "size", 100))
                .post("/api/images/uploads").then().statusCode(201).extract().path("image.id");
        // 2,000 characters that JSON escapes as \\uXXXX: six bytes each, the most a description can take.
        String escaped = "\\u00e9".repeat(2000);
        String body = "{\"title\":\"" + "\\u00e9".repeat(200) + "\",\"description\":\"" + escaped + "\"}";
        given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON).body(body)
                .patch("/api/images/" + id).then().statusCode(200).body("description", equalTo("é".repeat(2000)));
    }

    @Test
    void tokensAreNeverCachedAndNoAnswerIsSniffed() {
        TestUser user = Identities.signedIn("headers");
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", Identities.PASSWORD))
                .post("/api/auth/sign-in").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/nothing-here").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().get("/api/images").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }
}
