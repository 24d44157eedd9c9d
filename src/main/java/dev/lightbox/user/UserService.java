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
 * Users as Cognito and our profile table know them together. A user's id is its Cognito {@code sub}; in a pool that
 * signs in by email the Cognito username is the sub too, so Admin* calls take the id as it is.
 */
@ApplicationScoped
public class UserService {

    public static final String USERNAME_PATTERN = "^[A-Za-z0-9_]{3,30}$";
    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final UserPool pool;
    private final UserProfileStore profiles;

    public UserService(UserPool pool, UserProfileStore profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    public record PublicProfile(String username, String name) {
    }

    /** The user with this id; 404 when there is none (or the id is not even a UUID). */
    public Uni<UserView> view(Operation operation, String id) {
        if (!isUuid(id)) {
            return Uni.createFrom().failure(notFound());
        }
        Uni<AdminGetUserResponse> user = pool.call(operation, cognito -> cognito.adminGetUser(get -> get
                .userPoolId(pool.poolId()).username(id)));
        return Uni.combine().all().unis(user, groups(operation, id)).asTuple()
                .flatMap(found -> profiles.find(id).map(profile -> UserView.of(found.getItem1().userAttributes(),
                        found.getItem1().userStatusAsString(), found.getItem1().enabled(), found.getItem1().userCreateDate(),
                        found.getItem2(), profile.map(UserProfileStore.Profile::username).orElse(null))));
    }

    /** The view of a user Cognito listed, with its groups looked up and our username. */
    public Uni<UserView> view(Operation operation, UserType user, String username) {
        return groups(operation, user.username()).map(groups -> UserView.of(user.attributes(), user.userStatusAsString(),
                user.enabled(), user.userCreateDate(), groups, username));
    }

    public Uni<UserView> rename(String id, String name) {
        return updateAttribute(Operation.USER, id, "name", name).flatMap(ignored -> view(Operation.USER, id));
    }

    /** Sets the username once; mirrored to Cognito's custom:username, or not set at all if that fails. */
    public Uni<UserView> claimUsername(String id, String username) {
        return profiles.claimUsername(id, username)
                .flatMap(claimed -> updateAttribute(Operation.USER, id, "custom:username", username)
                        .onFailure().call(error -> {
                            LOG.warnf("Releasing username of %s: Cognito did not take it (%s)", id, error.toString());
                            return profiles.releaseUsername(id, username);
                        }))
                .flatMap(ignored -> view(Operation.USER, id));
    }

    public Uni<PublicProfile> publicProfile(String username) {
        if (!username.matches(USERNAME_PATTERN)) {
            return Uni.createFrom().failure(notFound());
        }
        return profiles.findByUsername(username)
                .flatMap(profile -> profile.isEmpty() ? Uni.createFrom().failure(notFound())
                        : pool.call(Operation.USER, cognito -> cognito.adminGetUser(get -> get.userPoolId(pool.poolId())
                                        .username(profile.get().id())))
                                .map(user -> new PublicProfile(profile.get().username(),
                                        UserPool.attributeValue(user.userAttributes(), "name"))));
    }

    public Uni<Void> updateAttribute(Operation operation, String id, String name, String value) {
        return pool.call(operation, cognito -> cognito.adminUpdateUserAttributes(update -> update.userPoolId(pool.poolId())
                .username(id).userAttributes(UserPool.attribute(name, value)))).replaceWithVoid();
    }

    private Uni<List<String>> groups(Operation operation, String username) {
        // A user in more than one page of groups (60) is not a case this service has.
        return pool.call(operation, cognito -> cognito.adminListGroupsForUser(list -> list.userPoolId(pool.poolId())
                        .username(username).limit(60)))
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
