package dev.lightbox.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem documents for what is decided before JAX-RS runs: a rejected bearer token (proactive authentication fails
 * on every route, guests' included), a body refused by size, and addresses or methods no route serves.
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
            router.errorHandler(status, context -> ProblemResponses.end(context, json, status, ProblemResponses.forStatus(status)));
        }
    }

    private void onFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
        } else if (isAuthenticationFailure(context.failure())) {
            ProblemResponses.end(context, json, new ProblemException(ProblemMappers.invalidToken(), null, null));
        } else if (context.failure() == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            // A Vert.x handler refused the request by status, e.g. the JSON body limit's 413. The rest of a refused
            // body is never read, so the connection cannot carry another request.
            if (context.statusCode() == 413) {
                context.response().putHeader("Connection", "close");
            }
            ProblemResponses.end(context, json, context.statusCode(), ProblemResponses.forStatus(context.statusCode()));
        } else if (ProblemResponses.isDependencyDown(context.failure())) {
            // E.g. the database is down while the signed-out-token check runs, before JAX-RS.
            ProblemResponses.end(context, json, ProblemResponses.forFailure(context.failure()));
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
}
