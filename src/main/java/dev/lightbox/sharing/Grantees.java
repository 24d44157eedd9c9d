package dev.lightbox.sharing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.auth.UserPool;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.user.UserProfileStore;
import dev.lightbox.user.UserService;
import io.smallrye.mutiny.Uni;

/** Who a grant names, checked against the user pool: 404 for users and groups that do not exist. */
@ApplicationScoped
public class Grantees {

    /** Cognito's group names: up to 128 letters, marks, symbols, digits and punctuation. */
    static final String GROUP_NAME = "^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$";

    private final UserPool pool;
    private final UserProfileStore profiles;

    public Grantees(UserPool pool, UserProfileStore profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    public record User(String id, String username) {
    }

    /** A user by id (Cognito sub) or by username. */
    Uni<User> user(String idOrUsername) {
        if (UserService.isUuid(idOrUsername)) {
            return pool.call(Operation.USER, cognito -> cognito.adminGetUser(get -> get.userPoolId(pool.poolId())
                            .username(idOrUsername)))
                    .chain(found -> profiles.find(idOrUsername))
                    .map(profile -> new User(idOrUsername, profile.map(UserProfileStore.Profile::username).orElse(null)));
        }
        if (!idOrUsername.matches(UserService.USERNAME_PATTERN)) {
            return Uni.createFrom().failure(UserService.notFound());
        }
        return profiles.findByUsername(idOrUsername).map(profile -> profile
                .map(found -> new User(found.id(), found.username()))
                .orElseThrow(UserService::notFound));
    }

    /** The group's name, once the pool says it exists. */
    Uni<String> group(String name) {
        if (!name.matches(GROUP_NAME)) {
            return Uni.createFrom().failure(ProblemException.notFound("group.not_found", "There is no such group."));
        }
        return pool.call(Operation.ADMIN, cognito -> cognito.getGroup(get -> get.userPoolId(pool.poolId()).groupName(name)))
                .replaceWith(name);
    }
}
