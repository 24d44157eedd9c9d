package dev.lightbox.user;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.auth.UserPool;
import dev.lightbox.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Users as Cognito and our profile table know them together. A user's id is its Cognito {@code sub}. Cognito's
 * Admin* calls take the Cognito username: for users who sign in by email that is the sub too, but a federated user
 * (Hosted UI, e.g. {@code Google_123}) is found by its username only. Its own requests carry it in the token; where
 * only the id is known, it is looked up by sub.
 */
@ApplicationScoped
public class UserService {

    public static final String USERNAME_PATTERN = "^[A-Za-z0-9_]{3,30}$";
    static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";
    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final UserPool pool;
    private final UserProfileStore profiles;

    public UserService(UserPool pool, UserProfileStore profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    public record PublicProfile(String username, String name) {
    }

    /** The user with this id, as an admin looks it up; 404 when there is none (or the id is not even a UUID). */
    public Uni<UserView> view(Operation operation, String id) {
        return cognitoUsername(id).flatMap(cognitoUsername -> view(operation, id, cognitoUsername));
    }

    /** The user with this id and Cognito username (a signed-in user's own, from its token). */
    public Uni<UserView> view(Operation operation, String id, String cognitoUsername) {
        return profiles.find(id).flatMap(profile -> cognitoView(operation, cognitoUsername,
                profile.map(UserProfileStore.Profile::username).orElse(null)));
    }

    /** The view of a user Cognito listed, with its groups and MFA state looked up and our username. */
    public Uni<UserView> view(Operation operation, UserType user, String username) {
        return cognitoView(operation, user.username(), username);
    }

    private Uni<UserView> cognitoView(Operation operation, String cognitoUsername, String username) {
        Uni<AdminGetUserResponse> user = pool.call(operation, cognito -> cognito.adminGetUser(get -> get
                .userPoolId(pool.poolId()).username(cognitoUsername)));
        return Uni.combine().all().unis(user, groups(operation, cognitoUsername)).asTuple()
                .map(found -> UserView.of(found.getItem1().userAttributes(), found.getItem1().userStatusAsString(),
                        found.getItem1().enabled(), found.getItem1().userMFASettingList().contains(SOFTWARE_TOKEN_MFA),
                        found.getItem1().userCreateDate(), found.getItem2(), username));
    }

    public Uni<UserView> rename(String id, String cognitoUsername, String name) {
        return updateAttribute(Operation.USER, cognitoUsername, "name", name)
                .flatMap(ignored -> view(Operation.USER, id, cognitoUsername));
    }

    /** Sets the username once; mirrored to Cognito's custom:username, or not set at all if that fails. */
    public Uni<UserView> claimUsername(String id, String cognitoUsername, String username) {
        return profiles.claimUsername(id, username)
                .flatMap(claimed -> updateAttribute(Operation.USER, cognitoUsername, "custom:username", username)
                        .onFailure().call(error -> {
                            LOG.warnf("Releasing username of %s: Cognito did not take it (%s)", id, error.toString());
                            return profiles.releaseUsername(id, username);
                        }))
                .flatMap(ignored -> view(Operation.USER, id, cognitoUsername));
    }

    public Uni<PublicProfile> publicProfile(String username) {
        if (!username.matches(USERNAME_PATTERN)) {
            return Uni.createFrom().failure(notFound());
        }
        return profiles.findByUsername(username)
                .flatMap(profile -> profile.isEmpty() ? Uni.createFrom().failure(notFound())
                        : bySub(Operation.USER, profile.get().id()).map(user -> new PublicProfile(profile.get().username(),
                                UserPool.attributeValue(user.attributes(), "name"))));
    }

    public Uni<Void> updateAttribute(Operation operation, String cognitoUsername, String name, String value) {
        return pool.call(operation, cognito -> cognito.adminUpdateUserAttributes(update -> update.userPoolId(pool.poolId())
                .username(cognitoUsername).userAttributes(UserPool.attribute(name, value)))).replaceWithVoid();
    }

    /** The Cognito username of the user with this id; 404 if there is none. */
    public Uni<String> cognitoUsername(String id) {
        return isUuid(id) ? bySub(Operation.ADMIN, id).map(UserType::username) : Uni.createFrom().failure(notFound());
    }

    private Uni<UserType> bySub(Operation operation, String id) {
        return pool.call(operation, cognito -> cognito.listUsers(list -> list.userPoolId(pool.poolId())
                        .filter("sub = \"" + id + "\"").limit(1)))
                .map(response -> response.users().stream().findFirst().orElseThrow(UserService::notFound));
    }

    private Uni<List<String>> groups(Operation operation, String cognitoUsername) {
        // A user in more than one page of groups (60) is not a case this service has.
        return pool.call(operation, cognito -> cognito.adminListGroupsForUser(list -> list.userPoolId(pool.poolId())
                        .username(cognitoUsername).limit(60)))
                .map(response -> response.groups().stream().map(GroupType::groupName).sorted().toList());
    }

    public static boolean isUuid(String id) {
        try {
            return id != null && id.length() == 36 && UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static ProblemException notFound() {
        return ProblemException.notFound("user.not_found", "There is no such user.");
    }
}
