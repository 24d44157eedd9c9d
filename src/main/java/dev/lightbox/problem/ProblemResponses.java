package dev.lightbox.problem;

import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns failures into problems, and problems into responses: JAX-RS ones for the exception mappers, Vert.x ones for
 * the routes that answer outside JAX-RS. Both carry the same headers.
 */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    /** The challenge for a missing or rejected bearer token, per RFC 6750. */
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";
    public static final String BEARER_CHALLENGE = "Bearer";
    static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(5);

    private ProblemResponses() {
    }

    public static RestResponse<Problem> response(Problem problem, Duration retryAfter) {
        RestResponse.ResponseBuilder<Problem> builder = RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem)
                .type(Problem.MEDIA_TYPE);
        headers(problem, retryAfter).forEach(builder::header);
        return builder.build();
    }

    /** Ends a Vert.x response with the problem, unless an answer has already begun. */
    public static void end(RoutingContext context, ObjectMapper json, ProblemException problem) {
        if (!context.response().headWritten()) {
            headers(problem.problem(), problem.retryAfter()).forEach(context.response()::putHeader);
            end(context, json, problem.problem().status(), problem.problem());
        }
    }

    /** Ends a Vert.x response with a JSON body (a problem as application/problem+json), unless one has begun. */
    public static void end(RoutingContext context, ObjectMapper json, int status, Object body) {
        if (context.response().headWritten()) {
            return;
        }
        try {
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, body instanceof Problem ? Problem.MEDIA_TYPE : "application/json")
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /**
     * What to answer for any failure: our own problems as they are, an unreachable dependency (S3, Cognito, the
     * database) as 503 with Retry-After, anything else as a 500 that says nothing of its cause.
     */
    public static ProblemException forFailure(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (isDependencyDown(failure)) {
            LOG.warnf("A dependency is unreachable: %s", failure.toString());
            return new ProblemException(
                    Problem.of(503, "dependency.unavailable", "A service we depend on is unavailable; try again shortly."),
                    DEPENDENCY_RETRY_AFTER, failure);
        }
        LOG.error("Unexpected error", failure);
        return new ProblemException(forStatus(500), null, failure);
    }

    /**
     * A dependency refused, dropped or timed out a connection or a call, or PostgreSQL refused the session itself
     * (not: it answered a statement with an error).
     */
    public static boolean isDependencyDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (cause instanceof ConnectException || cause instanceof SdkClientException
                    || name.contains("ConnectionException") || name.contains("TimeoutException")
                    || cause instanceof PgException pg && isSessionRefused(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE classes 08 (connection), 28 (authorization, e.g. TLS required), 53 (resources), 57P (shutting down). */
    private static boolean isSessionRefused(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("28") || sqlState.startsWith("53")
                || sqlState.startsWith("57P"));
    }

    private static Map<String, String> headers(Problem problem, Duration retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            headers.put(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        if (problem.status() == 401) {
            headers.put(HttpHeaders.WWW_AUTHENTICATE,
                    "auth.invalid_token".equals(problem.code()) ? INVALID_TOKEN_CHALLENGE : BEARER_CHALLENGE);
        }
        return headers;
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
