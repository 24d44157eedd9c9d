package dev.lightbox.problem;

import java.time.Duration;
import java.util.List;

/** Thrown anywhere to answer the client with a problem document; carries no stack trace to the client. */
public class ProblemException extends RuntimeException {

    /** The detail of every 400 that lists field errors. */
    public static final String INVALID_FIELDS = "The request has invalid fields.";

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(int status, String code, String detail) {
        this(Problem.of(status, code, detail), null, null);
    }

    public ProblemException(Problem problem, Duration retryAfter, Throwable cause) {
        super(problem.code() + ": " + problem.detail(), cause, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "request.invalid", detail).withErrors(errors), null, null);
    }

    /** 400 for one field the client got wrong. */
    public static ProblemException invalidField(String field, String message) {
        return invalid(INVALID_FIELDS, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public static ProblemException unavailable(String code, String detail, Duration retryAfter, Throwable cause) {
        return new ProblemException(Problem.of(503, code, detail), retryAfter, cause);
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(429, "request.rate_limited", detail), retryAfter, null);
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds a client should wait before trying again, for 429 and 503. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
