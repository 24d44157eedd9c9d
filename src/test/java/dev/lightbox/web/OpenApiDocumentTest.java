package dev.lightbox.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lightbox.testsupport.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What /q/openapi (on the management port) tells client generators: every operation of the sharing API and the streamed upload, with errors. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final List<List<String>> SHARING = List.of(
            List.of("/api/images/{id}/grants", "get", "listImageGrants"),
            List.of("/api/images/{id}/grants", "post", "grantImage"),
            List.of("/api/images/{id}/grants/{grantId}", "delete", "withdrawImageGrant"),
            List.of("/api/images/{id}/links", "get", "listShareLinks"),
            List.of("/api/images/{id}/links", "post", "createShareLink"),
            List.of("/api/images/{id}/links/{linkId}", "delete", "revokeShareLink"),
            List.of("/api/images/shared-with-me", "get", "listImagesSharedWithMe"));

    @Test
    void sharingOperationsHaveIdsSecurityAndTheirErrors() {
        JsonPath document = document();
        for (List<String> operation : SHARING) {
            Map<String, Object> described = document.getMap("paths.'" + operation.get(0) + "'." + operation.get(1));
            assertNotNull(described, operation.toString());
            assertAll(operation.toString(),
                    () -> assertEquals(operation.get(2), described.get("operationId")),
                    () -> assertNotNull(described.get("security"), "needs a bearer token"),
                    () -> assertTrue(((Map<?, ?>) described.get("responses")).keySet().stream().anyMatch(code -> code.toString().startsWith("4")),
                            "lists its errors"));
        }
        Map<String, Object> open = document.getMap("paths.'/api/links/open'.post");
        assertEquals("openShareLink", open.get("operationId"));
        assertTrue(((Map<?, ?>) open.get("responses")).containsKey("404"));
        assertTrue(((Map<?, ?>) open.get("responses")).containsKey("429"));
    }

    @Test
    void theStreamedUploadIsDescribedBesideTheList() {
        JsonPath document = document();
        assertEquals("uploadImage", document.getString("paths.'/api/images'.post.operationId"));
        assertNotNull(document.get("paths.'/api/images'.post.requestBody.content.'multipart/form-data'.schema.properties.file"));
        assertNotNull(document.get("paths.'/api/images'.get"), "the annotated list operation is still there");
        assertNotNull(document.get("components.schemas.ImageView"), "the schema the upload's answer refers to");
        Map<String, Object> schemes = document.getMap("components.securitySchemes");
        Map<String, Object> uploadSecurity = document.getMap("paths.'/api/images'.post.security[0]");
        Map<String, Object> grantSecurity = document.getMap("paths.'/api/images/{id}/grants'.post.security[0]");
        assertEquals(grantSecurity.keySet(), uploadSecurity.keySet(), "the same scheme as the annotated operations");
        assertTrue(schemes.keySet().containsAll(uploadSecurity.keySet()), schemes.keySet() + " " + uploadSecurity.keySet());
    }

    @Test
    void imagesDescribeTheirVariantsAndPlaceholder() {
        JsonPath document = document();
        assertEquals("array", document.getString("components.schemas.ImageView.properties.variants.type"));
        assertNotNull(document.get("components.schemas.ImageView.properties.placeholder"));
        assertEquals(List.of("name", "width", "height", "contentType", "url", "urlExpiresAt"),
                List.copyOf(document.getMap("components.schemas.VariantView.properties").keySet()));
        assertEquals("thumb", document.getString("components.schemas.VariantView.properties.name.examples[0]"));
        assertNotNull(document.getString("components.schemas.Placeholder.properties.blurhash.description"));
    }

    private static JsonPath document() {
        return given().queryParam("format", "json").get(Management.url("/openapi")).then().statusCode(200).extract().jsonPath();
    }
}
