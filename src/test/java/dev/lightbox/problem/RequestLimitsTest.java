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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /** A body of undeclared length: chunked in HTTP/1.1, or data frames after an h2c upgrade (Java's default). */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aJsonBodyOfUndeclaredLengthIsCutOffAtTheLimit(HttpClient.Version version) throws Exception {
        byte[] body = ("{\"email\":\"a@example.test\",\"password\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/auth/sign-up"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(version).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
        assertTrue(response.body().contains("\"code\":\"request.too_large\""), response.body());
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
