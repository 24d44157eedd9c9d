package dev.lightbox.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.testsupport.Identities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Every endpoint that takes a body refuses bad ones with a problem document, never a 500. */
@QuarkusTest
class BadInputTest {

    private static String userToken;
    private static String adminToken;

    @BeforeAll
    static void signIn() {
        userToken = Identities.signedIn("bad-input").accessToken();
        adminToken = Identities.signedIn("bad-input-admin", "Admin").accessToken();
    }

    enum Caller { GUEST, USER, ADMIN }

    record Endpoint(String method, String path, Caller caller, Map<String, Object> validBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        RequestSpecification request() {
            return switch (caller) {
                case GUEST -> given();
                case USER -> given().auth().oauth2(userToken);
                case ADMIN -> given().auth().oauth2(adminToken);
            };
        }

        ValidatableResponse send(RequestSpecification request) {
            return request.request(method, path).then();
        }

        Map<String, Object> with(String field, Object value) {
            Map<String, Object> body = new LinkedHashMap<>(validBody);
            body.put(field, value);
            return body;
        }

        String firstField() {
            return validBody.keySet().iterator().next();
        }
    }

    private static final String EMAIL = "someone@example.test";
    private static final String HUGE = "x".repeat(100_000);

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/auth/sign-up", Caller.GUEST, body("email", EMAIL, "password", "Sunny-Meadow-42", "name", "Jo")),
                new Endpoint("POST", "/api/auth/confirm-sign-up", Caller.GUEST, body("email", EMAIL, "code", "123456")),
                new Endpoint("POST", "/api/auth/resend-code", Caller.GUEST, body("email", EMAIL)),
                new Endpoint("POST", "/api/auth/sign-in", Caller.GUEST, body("email", EMAIL, "password", "Sunny-Meadow-42")),
                new Endpoint("POST", "/api/auth/challenge", Caller.GUEST, body("email", EMAIL, "session", "s",
                        "challenge", "NEW_PASSWORD_REQUIRED", "newPassword", "Sunny-Meadow-42")),
                new Endpoint("POST", "/api/auth/refresh", Caller.GUEST, body("refreshToken", "r")),
                new Endpoint("POST", "/api/auth/forgot-password", Caller.GUEST, body("email", EMAIL)),
                new Endpoint("POST", "/api/auth/confirm-forgot-password", Caller.GUEST, body("email", EMAIL, "code", "123456",
                        "newPassword", "Sunny-Meadow-42")),
                new Endpoint("POST", "/api/auth/passwordless/start", Caller.GUEST, body("email", EMAIL)),
                new Endpoint("POST", "/api/auth/passwordless/verify", Caller.GUEST, body("email", EMAIL, "session", "s", "code", "123456")),
                new Endpoint("PATCH", "/api/users/me", Caller.USER, body("name", "Jo")),
                new Endpoint("PUT", "/api/users/me/username", Caller.USER, body("username", "jo_jo")),
                new Endpoint("POST", "/api/admin/users", Caller.ADMIN, body("email", EMAIL, "name", "Jo")));
    }

    record BadRequest(String name, int expectedStatus, BiFunction<Endpoint, RequestSpecification, RequestSpecification> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<BadRequest> bad = List.of(
                new BadRequest("empty object", 400, (endpoint, request) -> request.contentType(ContentType.JSON).body("{}")),
                new BadRequest("no body", 400, (endpoint, request) -> request.contentType(ContentType.JSON)),
                new BadRequest("JSON null", 400, (endpoint, request) -> request.contentType(ContentType.JSON).body("null")),
                new BadRequest("malformed JSON", 400, (endpoint, request) -> request.contentType(ContentType.JSON)
                        .body("{\"" + endpoint.firstField() + "\": ")),
                new BadRequest("wrong type", 400, (endpoint, request) -> request.contentType(ContentType.JSON)
                        .body(endpoint.with(endpoint.firstField(), List.of("a", "b")))),
                new BadRequest("huge string", 413, (endpoint, request) -> request.contentType(ContentType.JSON)
                        .body(endpoint.with(endpoint.firstField(), HUGE))),
                new BadRequest("wrong Content-Type", 415, (endpoint, request) -> request.contentType(ContentType.TEXT)
                        .body("email=" + EMAIL)));
        return endpoints().stream().flatMap(endpoint -> bad.stream().map(request -> Arguments.of(endpoint, request)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void badRequestsAreProblems(Endpoint endpoint, BadRequest bad) {
        endpoint.send(bad.build().apply(endpoint, endpoint.request()))
                .statusCode(bad.expectedStatus())
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(bad.expectedStatus()))
                .body(not(containsString("Exception")));
    }

    static Stream<Endpoint> endpointsWithEmail() {
        return endpoints().stream().filter(endpoint -> endpoint.validBody().containsKey("email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithEmail")
    void malformedEmailIsRefusedByField(Endpoint endpoint) {
        endpoint.send(endpoint.request().contentType(ContentType.JSON).body(endpoint.with("email", "not-an-email")))
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("request.invalid")).body("errors.field", hasItem("email"));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
