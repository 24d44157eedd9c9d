package dev.lightbox.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem document, with our stable machine-readable {@code code}. Exception mappers and Vert.x routes
 * write it outside any resource method's signature, so it is registered for the native image here, once.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String detail) {
        return new Problem("https://lightbox.dev/problems/" + code, ProblemStatus.title(status), status, detail, code, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors);
    }
}
