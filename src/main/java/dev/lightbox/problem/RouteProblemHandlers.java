package dev.lightbox.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem documents for what is decided before JAX-RS runs: a rejected bearer token (proactive authentication fails
 * on every route, guests' included), and addresses or methods no route serves.
 */
@ApplicationScoped
public class RouteProblemHandlers {

    private final ObjectMapper json;

    public RouteProblemHandlers(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        for (int status : new int[] { 404, 405, 413, 415 }) {
            router.errorHandler(status, context -> write(context, ProblemResponses.forStatus(status)));
        }
    }

    private void onFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
        } else if (isAuthenticationFailure(context.failure())) {
            context.response().putHeader(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.INVALID_TOKEN_CHALLENGE);
            write(context, ProblemMappers.invalidToken());
        } else if (ProblemMappers.isDependencyDown(context.failure())) {
            // E.g. the database is down while the signed-out-token check runs, before JAX-RS.
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(ProblemMappers.DEPENDENCY_RETRY_AFTER.toSeconds()));
            write(context, ProblemMappers.dependencyDown());
        } else {
            context.next();
        }
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }

    private void write(RoutingContext context, Problem problem) {
        try {
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
