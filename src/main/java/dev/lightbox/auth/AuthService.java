package dev.lightbox.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.AuthRequests.ConfirmForgotPassword;
import dev.lightbox.auth.AuthRequests.ConfirmSignUp;
import dev.lightbox.auth.AuthRequests.NewPasswordChallenge;
import dev.lightbox.auth.AuthRequests.PasswordlessVerify;
import dev.lightbox.auth.AuthRequests.SignIn;
import dev.lightbox.auth.AuthRequests.SignUp;
import dev.lightbox.auth.AuthResponses.CodeChallenge;
import dev.lightbox.auth.AuthResponses.SignInResult;
import dev.lightbox.auth.AuthResponses.SignUpResult;
import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.user.UserProfileStore;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/** Sign-up, sign-in and recovery against the user pool, for clients without an AWS SDK. */
@ApplicationScoped
public class AuthService {

    private final UserPool pool;
    private final UserProfileStore profiles;

    public AuthService(UserPool pool, UserProfileStore profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    /** A wrong passwordless code while attempts remain: the next attempt answers with this challenge's session. */
    public static final class WrongCode extends RuntimeException {
        private final transient CodeChallenge next;

        WrongCode(CodeChallenge next) {
            super("wrong passwordless code", null, false, false);
            this.next = next;
        }

        public CodeChallenge next() {
            return next;
        }
    }

    public Uni<SignUpResult> signUp(SignUp request) {
        List<AttributeType> attributes = new ArrayList<>(List.of(UserPool.attribute("email", request.email())));
        if (request.name() != null) {
            attributes.add(UserPool.attribute("name", request.name()));
        }
        return pool.call(Operation.SIGN_UP, cognito -> cognito.signUp(signUp -> signUp.clientId(pool.clientId())
                        .username(request.email()).password(request.password()).userAttributes(attributes)))
                .map(response -> new SignUpResult(response.userSub(), Boolean.TRUE.equals(response.userConfirmed()),
                        response.codeDeliveryDetails() == null ? null : response.codeDeliveryDetails().destination()));
    }

    public Uni<Void> confirmSignUp(ConfirmSignUp request) {
        return pool.call(Operation.CONFIRM_SIGN_UP, cognito -> cognito.confirmSignUp(confirm -> confirm
                .clientId(pool.clientId()).username(request.email()).confirmationCode(request.code()))).replaceWithVoid();
    }

    public Uni<Void> resendCode(String email) {
        return pool.call(Operation.RESEND_CODE, cognito -> cognito.resendConfirmationCode(resend -> resend
                .clientId(pool.clientId()).username(email))).replaceWithVoid();
    }

    public Uni<SignInResult> signIn(SignIn request) {
        return pool.call(Operation.SIGN_IN, cognito -> cognito.initiateAuth(auth -> auth.clientId(pool.clientId())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", request.email(), "PASSWORD", request.password()))))
                .map(response -> SignInResult.of(response.authenticationResult(), response.challengeNameAsString(),
                        response.session()));
    }

    public Uni<SignInResult> answerNewPassword(NewPasswordChallenge request) {
        return pool.call(Operation.CHALLENGE, cognito -> cognito.respondToAuthChallenge(respond -> respond
                        .clientId(pool.clientId()).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                        .session(request.session())
                        .challengeResponses(Map.of("USERNAME", request.email(), "NEW_PASSWORD", request.newPassword()))))
                .map(response -> SignInResult.of(response.authenticationResult(), response.challengeNameAsString(),
                        response.session()));
    }

    public Uni<SignInResult> refresh(String refreshToken) {
        return pool.call(Operation.REFRESH, cognito -> cognito.initiateAuth(auth -> auth.clientId(pool.clientId())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", refreshToken))))
                .map(response -> SignInResult.tokens(response.authenticationResult()));
    }

    /**
     * Revokes every refresh token of the user (Cognito), and every access token issued so far (our sign-out time,
     * checked on each request by dev.lightbox.security.SignedOutTokenCheck).
     */
    public Uni<Void> signOutEverywhere(Operation operation, String userId) {
        return pool.call(operation, cognito -> cognito.adminUserGlobalSignOut(signOut -> signOut
                        .userPoolId(pool.poolId()).username(userId)))
                .flatMap(ignored -> profiles.recordSignOut(userId));
    }

    public Uni<Void> forgotPassword(String email) {
        return pool.call(Operation.FORGOT_PASSWORD, cognito -> cognito.forgotPassword(forgot -> forgot
                .clientId(pool.clientId()).username(email))).replaceWithVoid();
    }

    public Uni<Void> confirmForgotPassword(ConfirmForgotPassword request) {
        return pool.call(Operation.CONFIRM_FORGOT_PASSWORD, cognito -> cognito.confirmForgotPassword(confirm -> confirm
                .clientId(pool.clientId()).username(request.email()).confirmationCode(request.code())
                .password(request.newPassword()))).replaceWithVoid();
    }

    /** Starts Cognito's CUSTOM_AUTH flow; the pool's triggers mail the code. */
    public Uni<CodeChallenge> startPasswordless(String email) {
        return pool.call(Operation.PASSWORDLESS_START, cognito -> cognito.initiateAuth(auth -> auth
                        .clientId(pool.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", email))))
                .map(response -> {
                    if (response.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE) {
                        throw ProblemException.unavailable("auth.unavailable",
                                "The identity provider did not start a code sign-in.", Duration.ofSeconds(5), null);
                    }
                    return codeChallenge(response.session(), response.challengeParameters());
                });
    }

    /** Tokens for the right code; {@link WrongCode} with the next session while attempts remain. */
    public Uni<SignInResult> verifyPasswordless(PasswordlessVerify request) {
        return pool.call(Operation.PASSWORDLESS_VERIFY, cognito -> cognito.respondToAuthChallenge(respond -> respond
                        .clientId(pool.clientId()).challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(request.session())
                        .challengeResponses(Map.of("USERNAME", request.email(), "ANSWER", request.code()))))
                .map(response -> {
                    if (response.authenticationResult() != null) {
                        return SignInResult.tokens(response.authenticationResult());
                    }
                    throw new WrongCode(codeChallenge(response.session(), response.challengeParameters()));
                });
    }

    private static CodeChallenge codeChallenge(String session, Map<String, String> parameters) {
        String attemptsLeft = parameters.get("attemptsLeft");
        return new CodeChallenge(session, parameters.get("expiresAt"),
                attemptsLeft == null ? null : Integer.valueOf(attemptsLeft));
    }
}
