package dev.lightbox.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves as application/problem+json; nothing internal (stack, SQL, AWS ids) reaches the body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        if (e.problem().status() >= 500) {
            LOG.warnf(e.getCause(), "Answered %d %s", e.problem().status(), e.problem().code());
        }
        return ProblemResponses.response(e.problem(), e.retryAfter());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return ProblemResponses.response(
                Problem.of(400, "request.invalid", ProblemException.INVALID_FIELDS).withErrors(errors), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e) {
        Problem problem = Problem.of(400, "request.malformed", "The request body is not valid JSON for this operation.");
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .reduce((left, right) -> left + "." + right).orElse("");
            String message = e instanceof InvalidFormatException ? "has the wrong type or format" : "is not of the expected type";
            problem = Problem.of(400, "request.invalid", ProblemException.INVALID_FIELDS)
                    .withErrors(List.of(new Problem.FieldError(field, message)));
        }
        return ProblemResponses.response(problem, null);
    }

    /** Quarkus REST has its own mapper for this subtype (plain JSON, not a problem); ours must name it to win. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Framework error", e);
        }
        return ProblemResponses.response(ProblemResponses.forStatus(status), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e) {
        return ProblemResponses.response(ProblemResponses.forStatus(401), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e) {
        return ProblemResponses.response(invalidToken(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return ProblemResponses.response(ProblemResponses.forStatus(403), null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        ProblemException problem = ProblemResponses.forFailure(e);
        return ProblemResponses.response(problem.problem(), problem.retryAfter());
    }

    public static Problem invalidToken() {
        return Problem.of(401, "auth.invalid_token", "The bearer token is malformed, expired, revoked or not for this service.");
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // A body's fields are named as the client sent them; a query or path parameter by its own name.
        String parameter = "";
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                property.append(property.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return property.isEmpty() ? parameter : property.toString();
    }
}
