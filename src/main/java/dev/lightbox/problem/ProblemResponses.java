package dev.lightbox.problem;

import java.time.Duration;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses for JAX-RS mappers and for the Vert.x routes that answer outside JAX-RS. */
public final class ProblemResponses {

    /** The challenge for a missing or rejected bearer token, per RFC 6750. */
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";
    public static final String BEARER_CHALLENGE = "Bearer";

    private ProblemResponses() {
    }

    public static Response response(Problem problem, Duration retryAfter) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE,
                    "auth.invalid_token".equals(problem.code()) ? INVALID_TOKEN_CHALLENGE : BEARER_CHALLENGE);
        }
        return builder.build();
    }

    /** The problem for a status the framework decided on (unknown route, wrong method, wrong media type...). */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> Problem.of(400, "request.malformed", "The request could not be read.");
            case 401 -> Problem.of(401, "auth.required", "Sign in to do this.");
            case 403 -> Problem.of(403, "auth.forbidden", "You are not allowed to do this.");
            case 404 -> Problem.of(404, "route.not_found", "There is nothing at this address.");
            case 405 -> Problem.of(405, "request.method_not_allowed", "This address does not accept that method.");
            case 406 -> Problem.of(406, "request.not_acceptable", "This address cannot answer in the requested media type.");
            case 413 -> Problem.of(413, "request.too_large", "The request body is too large.");
            case 415 -> Problem.of(415, "request.unsupported_media_type", "This address does not accept that media type.");
            default -> status >= 500
                    ? Problem.of(status, "server.error", "Something went wrong on our side.")
                    : Problem.of(status, "request.rejected", "The request was rejected.");
        };
    }
}
