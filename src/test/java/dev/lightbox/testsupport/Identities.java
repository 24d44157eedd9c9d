package dev.lightbox.testsupport;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/** Real users in the Cognito emulator, and their real tokens, for tests. */
public final class Identities {

    public static final String PASSWORD = "Correct-Horse-9";

    static {
        // Every end-to-end test signs users in through here first: a failed expectation then shows the exchange.
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Identities() {
    }

    public record TestUser(String email, String id, String accessToken, String idToken, String refreshToken) {
    }

    public static String userPoolId() {
        return config("lightbox.cognito.user-pool-id");
    }

    public static String clientId() {
        return config("lightbox.cognito.client-id");
    }

    public static String issuer() {
        return config("lightbox.cognito.issuer");
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** A confirmed user with a verified email, in the given groups, signed in with a password. */
    public static TestUser signedIn(String name, String... groups) {
        String email = uniqueEmail(name);
        try (CognitoIdentityProviderClient cognito = client()) {
            cognito.adminCreateUser(request -> request.userPoolId(userPoolId()).username(email)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("email").value(email).build(),
                            AttributeType.builder().name("email_verified").value("true").build()));
            cognito.adminSetUserPassword(request -> request.userPoolId(userPoolId()).username(email)
                    .password(PASSWORD).permanent(true));
            for (String group : groups) {
                cognito.adminAddUserToGroup(request -> request.userPoolId(userPoolId()).username(email).groupName(group));
            }
            String id = cognito.adminGetUser(request -> request.userPoolId(userPoolId()).username(email))
                    .userAttributes().stream().filter(attribute -> attribute.name().equals("sub"))
                    .findFirst().orElseThrow().value();
            AuthenticationResultType tokens = signIn(cognito, email);
            return new TestUser(email, id, tokens.accessToken(), tokens.idToken(), tokens.refreshToken());
        }
    }

    /** New tokens for an existing user, reflecting its current groups. */
    public static TestUser signInAgain(TestUser user) {
        try (CognitoIdentityProviderClient cognito = client()) {
            AuthenticationResultType tokens = signIn(cognito, user.email());
            return new TestUser(user.email(), user.id(), tokens.accessToken(), tokens.idToken(), tokens.refreshToken());
        }
    }

    public static CognitoIdentityProviderClient client() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(config("lightbox.cognito.endpoint")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static AuthenticationResultType signIn(CognitoIdentityProviderClient cognito, String email) {
        return cognito.initiateAuth(request -> request.clientId(clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD))).authenticationResult();
    }

    private static String config(String name) {
        return LocalStackResource.config(name);
    }
}
