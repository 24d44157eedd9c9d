package dev.lightbox.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * A user as /api/users/me and the admin endpoints show it: Cognito's attributes and state plus our profile.
 * {@code mfaEnabled}: sign-in asks for a code from an authenticator app (TOTP) after the password.
 */
public record UserView(String id, String email, boolean emailVerified, String name, String username, List<String> groups,
        String status, boolean enabled, boolean mfaEnabled, Instant createdAt) {

    static UserView of(List<AttributeType> attributes, String status, Boolean enabled, boolean mfaEnabled, Instant createdAt,
            List<String> groups, String username) {
        Map<String, String> values = attributes.stream()
                .collect(Collectors.toMap(AttributeType::name, attribute -> attribute.value() == null ? "" : attribute.value(),
                        (first, second) -> second));
        return new UserView(values.get("sub"), values.get("email"), "true".equals(values.get("email_verified")),
                values.get("name"), username, groups, status, !Boolean.FALSE.equals(enabled), mfaEnabled, createdAt);
    }
}
