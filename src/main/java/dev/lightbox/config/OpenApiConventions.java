package dev.lightbox.config;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import dev.lightbox.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What holds for every operation, said once in the OpenAPI document instead of on each method:
 * <ul>
 * <li>An operation without a role rule takes a token optionally: guests may call it, and a token that is present
 * but bad is still refused with 401 (proactive authentication). Bearer tokens carry no scopes, so the roles Quarkus
 * lists are dropped from the requirement; the admin group is checked by the service.</li>
 * <li>Every error response is a problem document, and every operation can answer 401 for a bad token and 503 when
 * a dependency is down.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    static final String SCHEME = "SecurityScheme";

    @Override
    public Operation filterOperation(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.isEmpty()) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement(), bearer()));
        } else {
            operation.setSecurity(security.stream().map(requirement -> requirement.hasScheme(SCHEME) ? bearer() : requirement).toList());
        }
        APIResponses responses = operation.getResponses();
        if (responses != null) {
            addIfAbsent(responses, "401", "auth.invalid_token: the bearer token is malformed, expired, revoked or not for this service");
            addIfAbsent(responses, "503", "dependency.unavailable: a service we depend on did not answer in time; see Retry-After");
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    withProblem(response);
                }
            });
        }
        return operation;
    }

    private static SecurityRequirement bearer() {
        return OASFactory.createSecurityRequirement().addScheme(SCHEME);
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** The problem document (its schema is in META-INF/openapi.yaml) as the body of an error response. */
    private static void withProblem(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        }
    }
}
