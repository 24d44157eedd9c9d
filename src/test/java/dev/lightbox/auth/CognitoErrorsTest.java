package dev.lightbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.auth.CognitoErrors.Outcome;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

class CognitoErrorsTest {

    static Stream<Arguments> table() {
        return Stream.of(
                row(Operation.SIGN_UP, UsernameExistsException.builder(), "exists", 409, "auth.user_exists"),
                row(Operation.SIGN_UP, InvalidPasswordException.builder(), "Password not long enough", 400, "auth.invalid_password"),
                row(Operation.CONFIRM_SIGN_UP, CodeMismatchException.builder(), "x", 400, "auth.code_mismatch"),
                row(Operation.CONFIRM_SIGN_UP, ExpiredCodeException.builder(), "x", 400, "auth.code_expired"),
                row(Operation.CONFIRM_SIGN_UP, NotAuthorizedException.builder(), "Current status is CONFIRMED", 409, "auth.already_confirmed"),
                row(Operation.SIGN_IN, NotAuthorizedException.builder(), "Incorrect username or password.", 401, "auth.invalid_credentials"),
                row(Operation.SIGN_IN, UserNotFoundException.builder(), "User does not exist.", 401, "auth.invalid_credentials"),
                row(Operation.SIGN_IN, NotAuthorizedException.builder(), "User is disabled.", 403, "auth.user_disabled"),
                row(Operation.SIGN_IN, UserNotConfirmedException.builder(), "x", 403, "auth.user_not_confirmed"),
                row(Operation.SIGN_IN, PasswordResetRequiredException.builder(), "x", 403, "auth.password_reset_required"),
                row(Operation.SIGN_IN, TooManyRequestsException.builder(), "x", 429, "request.rate_limited"),
                row(Operation.FORGOT_PASSWORD, LimitExceededException.builder(), "x", 429, "request.rate_limited"),
                row(Operation.REFRESH, NotAuthorizedException.builder(), "Refresh Token has been revoked", 401, "auth.invalid_refresh_token"),
                row(Operation.PASSWORDLESS_VERIFY, NotAuthorizedException.builder(), "Incorrect username or password.", 401, "auth.challenge_failed"),
                row(Operation.CHALLENGE, InvalidPasswordException.builder(), "x", 400, "auth.invalid_password"),
                row(Operation.ADMIN, UserNotFoundException.builder(), "x", 404, "user.not_found"),
                row(Operation.ADMIN, ResourceNotFoundException.builder(), "Group not found.", 404, "group.not_found"),
                row(Operation.ADMIN, ResourceNotFoundException.builder(), "User pool us-east-1_x does not exist.", 503, "auth.unavailable"),
                row(Operation.ADMIN, NotAuthorizedException.builder(), "User is disabled.", 409, "user.disabled"),
                row(Operation.ADMIN, NotAuthorizedException.builder(), "not authorized to perform", 503, "auth.unavailable"),
                row(Operation.ADMIN, InvalidParameterException.builder(), "Invalid email address format.", 400, "request.invalid"),
                row(Operation.USER, InternalErrorException.builder(), "x", 503, "auth.unavailable"));
    }

    private static Arguments row(Operation operation, CognitoIdentityProviderException.Builder error, String message,
            int status, String code) {
        return Arguments.of(operation, error.awsErrorDetails(AwsErrorDetails.builder().errorMessage(message).build())
                .message(message + " (Service: CognitoIdentityProvider, Status Code: 400, Request ID: abc)").build(), status, code);
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @MethodSource("table")
    void cognitoErrorsMapToTheContract(Operation operation, Throwable error, int status, String code) {
        Outcome outcome = CognitoErrors.outcome(operation, new CompletionException(error)).orElseThrow();
        assertEquals(status, outcome.problem().status());
        assertEquals(code, outcome.problem().code());
        assertFalse(outcome.problem().detail().contains("Request ID"), outcome.problem().detail());
        if (status == 429 || status == 503) {
            assertTrue(outcome.retryAfter().compareTo(Duration.ZERO) > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = { "FORGOT_PASSWORD", "RESEND_CODE" })
    void unknownOrUnverifiedAccountsAreAnsweredAsSuccess(Operation operation) {
        assertTrue(CognitoErrors.outcome(operation, UserNotFoundException.builder().message("x").build()).orElseThrow().ignored());
        assertTrue(CognitoErrors.outcome(operation, InvalidParameterException.builder().message("no verified email").build())
                .orElseThrow().ignored());
    }

    @Test
    void unreachableCognitoIsUnavailable() {
        Outcome outcome = CognitoErrors.outcome(Operation.SIGN_IN,
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused"))).orElseThrow();
        assertEquals(503, outcome.problem().status());
        assertTrue(outcome.retryAfter().toSeconds() > 0);
    }

    @Test
    void unknownCognitoErrorsAreUnavailableAndOthersAreNotOurs() {
        assertEquals(503, CognitoErrors.outcome(Operation.SIGN_IN, CognitoIdentityProviderException.builder().message("new").build())
                .orElseThrow().problem().status());
        assertTrue(CognitoErrors.outcome(Operation.SIGN_IN, new IllegalStateException("ours")).isEmpty());
    }

    @Test
    void unknownEmailAndWrongPasswordAreIndistinguishable() {
        Outcome wrongPassword = CognitoErrors.outcome(Operation.SIGN_IN,
                NotAuthorizedException.builder().message("Incorrect username or password.").build()).orElseThrow();
        Outcome unknownEmail = CognitoErrors.outcome(Operation.SIGN_IN,
                UserNotFoundException.builder().message("User does not exist.").build()).orElseThrow();
        assertEquals(wrongPassword, unknownEmail);
    }
}
