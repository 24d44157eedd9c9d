package dev.lightbox.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What the framework decides on its own still answers as application/problem+json. */
@QuarkusTest
class FrameworkErrorsTest {

    @Test
    void unknownRouteIsAProblem() {
        given().when().get("/api/no-such-thing")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404)).body("code", equalTo("route.not_found"));
    }

    @Test
    void unknownRouteOutsideTheApiIsAProblem() {
        given().when().get("/definitely/not/here")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("code", equalTo("route.not_found"));
    }

    @Test
    void wrongMethodIsAProblem() {
        given().when().delete("/api/users/me")
                .then().statusCode(405).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("request.method_not_allowed"))
                .body(not(containsString("Exception")));
    }
}
