package dev.lightbox.auth;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import dev.lightbox.problem.Problem;
import dev.lightbox.problem.ProblemException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryFailureException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForbiddenException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyFailedAttemptsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The one table that turns what Cognito throws into what our clients see. Rows are tried in order; the first whose
 * exception type, operation and message fragment match decides. An outcome is either a problem or "ignore": the
 * operation answers as if it had worked, so that it does not tell whether an account exists (forgot-password,
 * resend-code). Anything Cognito throws that no row names is a 503: it is our configuration or their outage, never
 * the client's input.
 */
public final class CognitoErrors {

    private static final Logger LOG = Logger.getLogger(CognitoErrors.class);

    /** What we were doing when Cognito answered; some errors mean different things in different operations. */
    public enum Operation {
        SIGN_UP, CONFIRM_SIGN_UP, RESEND_CODE, SIGN_IN, CHALLENGE, REFRESH, SIGN_OUT, FORGOT_PASSWORD,
        CONFIRM_FORGOT_PASSWORD, PASSWORDLESS_START, PASSWORDLESS_VERIFY, USER, ADMIN,
        /** A signed-in user managing its own second factor, with its access token. */
        MFA
    }

    /** A problem to answer with, or {@code null} problem for "answer as if it had worked". */
    public record Outcome(Problem problem, Duration retryAfter) {
        static final Outcome IGNORE = new Outcome(null, null);

        public boolean ignored() {
            return problem == null;
        }
    }

    record Rule(Class<? extends Throwable> type, Set<Operation> operations, String messageFragment, Outcome outcome) {
        boolean matches(Throwable error, Operation operation) {
            return type.isInstance(error) && operations.contains(operation)
                    && (messageFragment == null || message(error).contains(messageFragment));
        }
    }

    static final String INVALID_CREDENTIALS = "Incorrect email or password.";
    private static final Duration SHORT_WAIT = Duration.ofSeconds(5);
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);
    private static final Set<Operation> ANY = EnumSet.allOf(Operation.class);
    private static final Outcome NOT_ENROLLED = answer(409, "mfa.not_enrolled",
            "Set up an authenticator app first: get a secret, then confirm it with a code.");

    static final List<Rule> RULES = List.of(
            // A disabled account: telling it on forgot-password would confirm that the email has an account.
            rule(NotAuthorizedException.class, EnumSet.of(Operation.FORGOT_PASSWORD), null, Outcome.IGNORE),
            rule(NotAuthorizedException.class, EnumSet.of(Operation.ADMIN), "disabled",
                    answer(409, "user.disabled", "The user is disabled; enable it first.")),
            rule(NotAuthorizedException.class, ANY, "disabled", answer(403, "auth.user_disabled", "This account is disabled.")),

            rule(UserNotFoundException.class, EnumSet.of(Operation.SIGN_IN, Operation.PASSWORDLESS_START),
                    null, answer(401, "auth.invalid_credentials", INVALID_CREDENTIALS)),
            rule(UserNotFoundException.class, EnumSet.of(Operation.FORGOT_PASSWORD, Operation.RESEND_CODE), null, Outcome.IGNORE),
            rule(UserNotFoundException.class, EnumSet.of(Operation.CONFIRM_SIGN_UP, Operation.CONFIRM_FORGOT_PASSWORD), null,
                    answer(400, "auth.code_mismatch", "The code is wrong.")),
            rule(UserNotFoundException.class, EnumSet.of(Operation.CHALLENGE, Operation.PASSWORDLESS_VERIFY), null,
                    answer(401, "auth.challenge_failed", "This sign-in cannot go on; start it again.")),
            rule(UserNotFoundException.class, EnumSet.of(Operation.SIGN_OUT), null,
                    answer(401, "auth.invalid_token", "The bearer token's user no longer exists.")),
            rule(UserNotFoundException.class, ANY, null, answer(404, "user.not_found", "There is no such user.")),

            rule(NotAuthorizedException.class, EnumSet.of(Operation.REFRESH), null,
                    answer(401, "auth.invalid_refresh_token", "The refresh token is revoked, expired or not ours; sign in again.")),
            rule(NotAuthorizedException.class, EnumSet.of(Operation.CHALLENGE, Operation.PASSWORDLESS_VERIFY), null,
                    answer(401, "auth.challenge_failed", "This sign-in cannot go on; start it again.")),
            rule(NotAuthorizedException.class, EnumSet.of(Operation.CONFIRM_SIGN_UP), null,
                    answer(409, "auth.already_confirmed", "This account cannot be confirmed again.")),
            // The token is valid for us but not for Cognito's user API: an ID token, or a Hosted UI token without its scope.
            rule(NotAuthorizedException.class, EnumSet.of(Operation.MFA), null, answer(403, "mfa.token_not_accepted",
                    "Managing MFA needs the access token of a password or email-code sign-in.")),
            // Admin and profile calls run on our own credentials: a refusal there is our configuration, not the caller's.
            rule(NotAuthorizedException.class, EnumSet.of(Operation.USER, Operation.ADMIN, Operation.SIGN_OUT), null,
                    answer(503, "auth.unavailable", "The identity provider refused our request; try again later.", SHORT_WAIT)),
            rule(NotAuthorizedException.class, ANY, null, answer(401, "auth.invalid_credentials", INVALID_CREDENTIALS)),

            // Unverified email or an already confirmed account: answered like the unknown email.
            rule(InvalidParameterException.class, EnumSet.of(Operation.FORGOT_PASSWORD, Operation.RESEND_CODE), null, Outcome.IGNORE),
            rule(InvalidParameterException.class, EnumSet.of(Operation.MFA), null, NOT_ENROLLED),
            rule(SoftwareTokenMfaNotFoundException.class, ANY, null, NOT_ENROLLED),
            rule(EnableSoftwareTokenMfaException.class, ANY, null, answer(400, "auth.code_mismatch", "The code is wrong.")),
            rule(InvalidParameterException.class, ANY, null, answer(400, "request.invalid", null)),
            rule(UsernameExistsException.class, ANY, null, answer(409, "auth.user_exists", "An account with this email already exists.")),
            rule(AliasExistsException.class, ANY, null, answer(409, "auth.user_exists", "An account with this email already exists.")),
            rule(InvalidPasswordException.class, ANY, null, answer(400, "auth.invalid_password", null)),
            rule(CodeMismatchException.class, ANY, null, answer(400, "auth.code_mismatch", "The code is wrong.")),
            rule(ExpiredCodeException.class, ANY, null, answer(400, "auth.code_expired", "The code has expired; ask for a new one.")),
            rule(UserNotConfirmedException.class, ANY, null,
                    answer(403, "auth.user_not_confirmed", "Confirm your email address with the code we sent first.")),
            rule(PasswordResetRequiredException.class, ANY, null,
                    answer(403, "auth.password_reset_required", "Reset your password with the code we sent first.")),
            rule(TooManyRequestsException.class, ANY, null,
                    answer(429, "request.rate_limited", "Too many requests; try again shortly.", SHORT_WAIT)),
            rule(LimitExceededException.class, ANY, null,
                    answer(429, "request.rate_limited", "Too many attempts; try again later.", LONG_WAIT)),
            rule(TooManyFailedAttemptsException.class, ANY, null,
                    answer(429, "request.rate_limited", "Too many failed attempts; try again later.", LONG_WAIT)),
            rule(CodeDeliveryFailureException.class, ANY, null,
                    answer(503, "auth.code_delivery_failed", "We could not send the code; try again later.", LONG_WAIT)),
            rule(ResourceNotFoundException.class, EnumSet.of(Operation.ADMIN), "group",
                    answer(404, "group.not_found", "There is no such group.")),
            rule(GroupExistsException.class, ANY, null, answer(409, "group.exists", "The group already exists.")),
            rule(UnsupportedUserStateException.class, ANY, null,
                    answer(409, "user.state_conflict", "The user's current state does not allow this.")),
            rule(UserLambdaValidationException.class, ANY, null,
                    answer(400, "auth.rejected", "The identity provider rejected this request.")),
            rule(ForbiddenException.class, ANY, null, answer(403, "auth.forbidden", "The identity provider blocked this request.")),
            rule(SdkClientException.class, ANY, null,
                    answer(503, "dependency.unavailable", "The identity provider is unreachable; try again shortly.", SHORT_WAIT)));

    private static final Outcome UNAVAILABLE =
            answer(503, "auth.unavailable", "The identity provider cannot serve this now; try again later.", SHORT_WAIT);

    private CognitoErrors() {
    }

    /** The outcome for an error Cognito (or the SDK on its way there) raised; empty if it is not Cognito's. */
    public static Optional<Outcome> outcome(Operation operation, Throwable raised) {
        Throwable error = unwrap(raised);
        for (Rule rule : RULES) {
            if (rule.matches(error, operation)) {
                return Optional.of(withDetail(rule.outcome(), error));
            }
        }
        if (error instanceof CognitoIdentityProviderException) {
            LOG.warnf("Unmapped Cognito error in %s: %s", operation, error.toString());
            return Optional.of(UNAVAILABLE);
        }
        return Optional.empty();
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Outcome withDetail(Outcome outcome, Throwable error) {
        if (outcome.ignored() || outcome.problem().detail() != null) {
            return outcome;
        }
        // Cognito's own words for invalid input (password policy, parameter constraints) help the client fix it;
        // they carry no request ids (those are in the SDK's message suffix, which we drop).
        String detail = error instanceof CognitoIdentityProviderException cognito && cognito.awsErrorDetails() != null
                && cognito.awsErrorDetails().errorMessage() != null
                ? cognito.awsErrorDetails().errorMessage()
                : "The request was rejected.";
        Problem problem = outcome.problem();
        return new Outcome(Problem.of(problem.status(), problem.code(), detail), outcome.retryAfter());
    }

    private static String message(Throwable error) {
        String message = error instanceof CognitoIdentityProviderException cognito && cognito.awsErrorDetails() != null
                ? cognito.awsErrorDetails().errorMessage()
                : error.getMessage();
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }

    private static Rule rule(Class<? extends Throwable> type, Set<Operation> operations, String fragment, Outcome outcome) {
        return new Rule(type, operations, fragment, outcome);
    }

    private static Outcome answer(int status, String code, String detail) {
        return answer(status, code, detail, null);
    }

    private static Outcome answer(int status, String code, String detail, Duration retryAfter) {
        return new Outcome(Problem.of(status, code, detail), retryAfter);
    }
}
