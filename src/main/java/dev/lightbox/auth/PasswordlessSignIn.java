package dev.lightbox.auth;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.AuthRequests.PasswordlessVerify;
import dev.lightbox.auth.AuthResponses.CodeChallenge;
import dev.lightbox.auth.AuthResponses.SignInResult;
import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.auth.SignInConfig.PasswordlessFlow;
import dev.lightbox.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * Sign-in with an emailed code, through the flow the pool offers ({@code lightbox.sign-in.passwordless-flow}):
 * CUSTOM_AUTH with our triggers, or Cognito's USER_AUTH with EMAIL_OTP. Clients see the same two calls either way.
 */
@ApplicationScoped
public class PasswordlessSignIn {

    private final UserPool pool;
    private final PasswordlessFlow flow;

    public PasswordlessSignIn(UserPool pool, SignInConfig config) {
        this.pool = pool;
        this.flow = config.passwordlessFlow();
    }

    /** Mails a code; the answer's session goes with it. */
    public Uni<CodeChallenge> start(String email) {
        boolean emailOtp = flow == PasswordlessFlow.EMAIL_OTP;
        ChallengeNameType expected = emailOtp ? ChallengeNameType.EMAIL_OTP : ChallengeNameType.CUSTOM_CHALLENGE;
        return pool.call(Operation.PASSWORDLESS_START, cognito -> cognito.initiateAuth(auth -> auth.clientId(pool.clientId())
                        .authFlow(emailOtp ? AuthFlowType.USER_AUTH : AuthFlowType.CUSTOM_AUTH)
                        .authParameters(emailOtp ? Map.of("USERNAME", email, "PREFERRED_CHALLENGE", "EMAIL_OTP")
                                : Map.of("USERNAME", email))))
                .map(response -> {
                    if (response.challengeName() != expected) {
                        throw ProblemException.unavailable("auth.unavailable",
                                "The identity provider did not start a code sign-in.", Duration.ofSeconds(5), null);
                    }
                    return codeChallenge(response.session(), response.challengeParameters());
                });
    }

    /** Tokens for the right code; {@link AuthService.WrongCode} with the next session while attempts remain. */
    public Uni<SignInResult> verify(PasswordlessVerify request) {
        return flow == PasswordlessFlow.EMAIL_OTP ? verifyEmailOtp(request) : verifyCustomChallenge(request);
    }

    private Uni<SignInResult> verifyCustomChallenge(PasswordlessVerify request) {
        return pool.call(Operation.PASSWORDLESS_VERIFY, cognito -> cognito.respondToAuthChallenge(respond -> respond
                        .clientId(pool.clientId()).challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(request.session())
                        .challengeResponses(Map.of("USERNAME", request.email(), "ANSWER", request.code()))))
                .map(response -> {
                    if (response.authenticationResult() != null) {
                        return SignInResult.tokens(response.authenticationResult());
                    }
                    throw new AuthService.WrongCode(codeChallenge(response.session(), response.challengeParameters()));
                });
    }

    /** Cognito answers a wrong EMAIL_OTP code with CodeMismatch and keeps the session for the next attempt. */
    private Uni<SignInResult> verifyEmailOtp(PasswordlessVerify request) {
        Uni<RespondToAuthChallengeResponse> answer = pool.call(Operation.PASSWORDLESS_VERIFY, cognito -> cognito
                .respondToAuthChallenge(respond -> respond.clientId(pool.clientId()).challengeName(ChallengeNameType.EMAIL_OTP)
                        .session(request.session())
                        .challengeResponses(Map.of("USERNAME", request.email(), "EMAIL_OTP_CODE", request.code()))));
        return AuthService.retryableOnWrongCode(answer, request.session())
                .map(response -> SignInResult.tokens(response.authenticationResult()));
    }

    private static CodeChallenge codeChallenge(String session, Map<String, String> parameters) {
        String attemptsLeft = parameters.get("attemptsLeft");
        return new CodeChallenge(session, parameters.get("expiresAt"),
                attemptsLeft == null ? null : Integer.valueOf(attemptsLeft));
    }
}
