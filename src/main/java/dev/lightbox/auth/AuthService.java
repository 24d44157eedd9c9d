package dev.lightbox.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.AuthRequests.ConfirmForgotPassword;
import dev.lightbox.auth.AuthRequests.ConfirmSignUp;
import dev.lightbox.auth.AuthRequests.ChallengeAnswer;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/** Sign-up, sign-in and recovery against the user pool, for clients without an AWS SDK. */
@ApplicationScoped
public class AuthService {

    private final UserPool pool;
    private final UserProfileStore profiles;

    public AuthService(UserPool pool, UserProfileStore profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    /** A wrong emailed or authenticator code while attempts remain: the next attempt answers with this session. */
    public static final class WrongCode extends RuntimeException {
        private final transient CodeChallenge next;

        WrongCode(CodeChallenge next) {
            super("wrong code", null, false, false);
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

    public Uni<SignInResult> answerNewPassword(ChallengeAnswer request) {
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
        return signOutEverywhere(operation, userId, userId);
    }

    /** As {@link #signOutEverywhere(Operation, String)}, for a user whose Cognito username is not its id (federated). */
    public Uni<Void> signOutEverywhere(Operation operation, String userId, String cognitoUsername) {
        return pool.call(operation, cognito -> cognito.adminUserGlobalSignOut(signOut -> signOut
                        .userPoolId(pool.poolId()).username(cognitoUsername)))
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

    /** Tokens for the authenticator app's code; {@link WrongCode} with the same session for another attempt. */
    public Uni<SignInResult> answerSoftwareTokenMfa(ChallengeAnswer request) {
        Uni<RespondToAuthChallengeResponse> answer = pool.call(Operation.CHALLENGE, cognito -> cognito.respondToAuthChallenge(
                respond -> respond.clientId(pool.clientId()).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                        .session(request.session())
                        .challengeResponses(Map.of("USERNAME", request.email(), "SOFTWARE_TOKEN_MFA_CODE", request.code()))));
        return retryableOnWrongCode(answer, request.session())
                .map(response -> SignInResult.of(response.authenticationResult(), response.challengeNameAsString(),
                        response.session()));
    }

    /**
     * Cognito refuses a wrong (or already used) code with CodeMismatch and lets the same session try again: the client
     * gets {@link WrongCode} with that session. Once attempts run out, Cognito refuses the session itself.
     */
    static Uni<RespondToAuthChallengeResponse> retryableOnWrongCode(Uni<RespondToAuthChallengeResponse> answer, String session) {
        return answer.onFailure(ProblemException.class)
                .transform(error -> "auth.code_mismatch".equals(((ProblemException) error).problem().code())
                        ? new WrongCode(new CodeChallenge(session, null, null)) : error);
    }
}
