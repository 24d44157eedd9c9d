package dev.lightbox.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lightbox.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** Bodies the auth endpoints answer with. */
public final class AuthResponses {

    private AuthResponses() {
    }

    public record SignUpResult(String userId, boolean confirmed, String codeDeliveryDestination) {
    }

    /** Tokens, or the challenge the caller must answer first (then only {@code challenge} and {@code session}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignInResult(String accessToken, String idToken, String refreshToken, Integer expiresIn, String tokenType,
            String challenge, String session) {

        static SignInResult tokens(AuthenticationResultType result) {
            return new SignInResult(result.accessToken(), result.idToken(), result.refreshToken(), result.expiresIn(),
                    "Bearer", null, null);
        }

        /** Tokens if Cognito issued them, else the challenge it asked for. */
        static SignInResult of(AuthenticationResultType result, String challenge, String session) {
            return result != null ? tokens(result) : new SignInResult(null, null, null, null, null, challenge, session);
        }
    }

    /** A new authenticator app's secret (base32), and the same as an otpauth:// URI for a QR code. */
    public record AuthenticatorSetup(String secret, String otpauthUri) {
    }

    /** A passwordless sign-in waiting for its code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeChallenge(String session, String expiresAt, Integer attemptsLeft) {
    }

    /**
     * The problem for a wrong passwordless code, with the session to answer the next attempt with. An exception mapper
     * writes it, and Quarkus registers only resource methods' types for the native image: so it is registered here.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeMismatch(String type, String title, int status, String detail, String code, String session,
            String expiresAt, Integer attemptsLeft) {

        static CodeMismatch of(CodeChallenge next) {
            Problem problem = Problem.of(401, "auth.code_mismatch", "The code is wrong; try again with the new session.");
            return new CodeMismatch(problem.type(), problem.title(), problem.status(), problem.detail(), problem.code(),
                    next.session(), next.expiresAt(), next.attemptsLeft());
        }
    }
}
