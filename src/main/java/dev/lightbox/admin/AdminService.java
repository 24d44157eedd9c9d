package dev.lightbox.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.auth.AuthService;
import dev.lightbox.auth.CognitoErrors.Operation;
import dev.lightbox.auth.MfaService;
import dev.lightbox.auth.UserPool;
import dev.lightbox.image.ImageDeletions;
import dev.lightbox.problem.Problem;
import dev.lightbox.sharing.ImageGrants;
import dev.lightbox.problem.ProblemException;
import dev.lightbox.quota.QuotaReport;
import dev.lightbox.quota.Quotas;
import dev.lightbox.user.UserProfileStore;
import dev.lightbox.user.UserService;
import dev.lightbox.user.UserView;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListGroupsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** The admin's view of the user pool: listing, inviting, groups, disabling, resets. */
@ApplicationScoped
public class AdminService {

    /** Cognito pages users and groups by at most 60. */
    static final int COGNITO_PAGE_MAX = 60;
    private static final int GROUP_LOOKUPS_AT_ONCE = 8;

    private final UserPool pool;
    private final UserService users;
    private final UserProfileStore profiles;
    private final AuthService auth;
    private final ImageDeletions images;
    private final ImageGrants grants;
    private final MfaService mfa;
    private final Quotas quotas;

    public AdminService(UserPool pool, UserService users, UserProfileStore profiles, AuthService auth, ImageDeletions images,
            ImageGrants grants, MfaService mfa, Quotas quotas) {
        this.mfa = mfa;
        this.quotas = quotas;
        this.pool = pool;
        this.users = users;
        this.profiles = profiles;
        this.auth = auth;
        this.images = images;
        this.grants = grants;
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    public record Group(String name, String description) {
    }

    public record Invitation(String email, String name, List<String> groups) {
    }

    /** What to list: all users, or by one of account status, group or email prefix (Cognito filters on one attribute). */
    public record UserQuery(String status, String group, String email) {

        String key() {
            return status != null ? "status:" + status : group != null ? "group:" + group : email != null ? "email:" + email : "all";
        }

        String cognitoFilter() {
            if (status != null) {
                return "cognito:user_status = \"" + status + "\"";
            }
            return email != null ? "email ^= \"" + email.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : null;
        }
    }

    public Uni<Page<UserView>> list(UserQuery query, int limit, String cursor) {
        return Uni.createFrom().item(() -> UserListCursor.tokenFor(cursor, query.key()))
                .flatMap(token -> page(query, Math.min(limit, COGNITO_PAGE_MAX), token))
                .flatMap(found -> views(found.users()).map(views -> new Page<>(views,
                        found.nextToken() == null || found.users().isEmpty() ? null
                                : new UserListCursor(query.key(), found.nextToken()).encode())));
    }

    private Uni<CognitoPage> page(UserQuery query, int pageSize, String token) {
        return query.group() != null
                ? pool.call(Operation.ADMIN, cognito -> cognito.listUsersInGroup(list -> list.userPoolId(pool.poolId())
                        .groupName(query.group()).limit(pageSize).nextToken(token)))
                        .map(response -> new CognitoPage(response.users(), response.nextToken()))
                : pool.call(Operation.ADMIN, cognito -> cognito.listUsers(list -> list.userPoolId(pool.poolId())
                        .filter(query.cognitoFilter()).limit(pageSize).paginationToken(token)))
                        .map(response -> new CognitoPage(response.users(), response.paginationToken()));
    }

    public Uni<UserView> get(String id) {
        return users.view(Operation.ADMIN, id);
    }

    /** Creates the user in FORCE_CHANGE_PASSWORD; Cognito mails the temporary password. Unknown groups fail first. */
    public Uni<UserView> invite(Invitation invitation) {
        List<String> groups = invitation.groups() == null ? List.of() : invitation.groups().stream().distinct().toList();
        List<AttributeType> attributes = new ArrayList<>(List.of(UserPool.attribute("email", invitation.email()),
                UserPool.attribute("email_verified", "true")));
        if (invitation.name() != null) {
            attributes.add(UserPool.attribute("name", invitation.name()));
        }
        return sequentially(groups, group -> pool.call(Operation.ADMIN, cognito -> cognito.getGroup(get -> get
                        .userPoolId(pool.poolId()).groupName(group))).replaceWithVoid())
                .flatMap(checked -> pool.call(Operation.ADMIN, cognito -> cognito.adminCreateUser(create -> create
                        .userPoolId(pool.poolId()).username(invitation.email()).userAttributes(attributes)
                        .desiredDeliveryMediums(DeliveryMediumType.EMAIL))))
                .map(created -> id(created.user()))
                .flatMap(id -> sequentially(groups, group -> addToGroup(id, group)).flatMap(added -> get(id)));
    }

    public Uni<Void> addToGroup(String id, String group) {
        return existing(id).flatMap(found -> pool.call(Operation.ADMIN, cognito -> cognito.adminAddUserToGroup(add -> add
                .userPoolId(pool.poolId()).username(id).groupName(group)))).replaceWithVoid();
    }

    public Uni<Void> removeFromGroup(String id, String group) {
        return existing(id).flatMap(found -> pool.call(Operation.ADMIN, cognito -> cognito.adminRemoveUserFromGroup(remove -> remove
                .userPoolId(pool.poolId()).username(id).groupName(group)))).replaceWithVoid();
    }

    /** Disabled users cannot sign in, refresh, or use a token they already have. */
    public Uni<Void> disable(String id) {
        return existing(id).flatMap(found -> pool.call(Operation.ADMIN, cognito -> cognito.adminDisableUser(disable -> disable
                        .userPoolId(pool.poolId()).username(id))))
                .flatMap(disabled -> auth.signOutEverywhere(Operation.ADMIN, id));
    }

    public Uni<Void> resetMfa(String id) {
        return users.cognitoUsername(id).flatMap(mfa::reset);
    }

    public Uni<Void> enable(String id) {
        return existing(id).flatMap(found -> pool.call(Operation.ADMIN, cognito -> cognito.adminEnableUser(enable -> enable
                .userPoolId(pool.poolId()).username(id)))).replaceWithVoid();
    }

    /** The user must set a new password with the mailed code before signing in again; its sessions end now. */
    public Uni<Void> resetPassword(String id) {
        return existing(id).flatMap(found -> pool.call(Operation.ADMIN, cognito -> cognito.adminResetUserPassword(reset -> reset
                        .userPoolId(pool.poolId()).username(id))))
                .flatMap(reset -> auth.signOutEverywhere(Operation.ADMIN, id));
    }

    /**
     * Removes the user, everything it owns (its images' grants and links go with them) and the grants naming it. It
     * is disabled and its tokens refused first, so that it cannot add images while they are being removed; its profile row stays as a tombstone (no username, a sign-out time) that
     * keeps refusing tokens the deleted user still holds until they expire.
     */
    public Uni<Long> delete(String id) {
        return existing(id)
                .flatMap(valid -> pool.call(Operation.ADMIN, cognito -> cognito.adminDisableUser(disable -> disable
                        .userPoolId(pool.poolId()).username(id))))
                .flatMap(disabled -> profiles.recordSignOut(id))
                .flatMap(signedOut -> images.deleteAllOwnedBy(id))
                .call(removedImages -> grants.withdrawAllTo(id))
                .flatMap(removedImages -> pool.call(Operation.ADMIN, cognito -> cognito.adminDeleteUser(delete -> delete
                                .userPoolId(pool.poolId()).username(id)))
                        .flatMap(deleted -> profiles.forget(id))
                        .call(() -> quotas.forget(id))
                        .replaceWith(removedImages));
    }

    /** Limits of the user's own (404 when there is no such user); a limit not given stays as it was. */
    public Uni<QuotaReport> setQuota(String id, Long maxBytes, Integer maxImages) {
        return users.view(Operation.ADMIN, id).flatMap(user -> quotas.setLimits(id, maxBytes, maxImages));
    }

    public Uni<List<Group>> groups() {
        return groupPages(null, new ArrayList<>());
    }

    private Uni<List<Group>> groupPages(String token, List<Group> collected) {
        return pool.call(Operation.ADMIN, cognito -> cognito.listGroups(list -> list.userPoolId(pool.poolId())
                        .limit(COGNITO_PAGE_MAX).nextToken(token)))
                .flatMap((ListGroupsResponse response) -> {
                    response.groups().stream().map(AdminService::group).forEach(collected::add);
                    return response.nextToken() == null || response.groups().isEmpty() ? Uni.createFrom().item(collected)
                            : groupPages(response.nextToken(), collected);
                });
    }

    private Uni<List<UserView>> views(List<UserType> found) {
        List<String> ids = found.stream().map(AdminService::id).toList();
        return profiles.usernames(ids).flatMap(usernames -> found.isEmpty() ? Uni.createFrom().item(List.<UserView>of())
                : Uni.join().all(found.stream().map(user -> users.view(Operation.ADMIN, user, usernames.get(id(user)))).toList())
                        .usingConcurrencyOf(GROUP_LOOKUPS_AT_ONCE).andFailFast());
    }

    /** 404 for an id that cannot be a user's (Cognito says 404 itself for unknown users). */
    private static Uni<Void> existing(String id) {
        return UserService.isUuid(id) ? Uni.createFrom().voidItem() : Uni.createFrom().failure(UserService.notFound());
    }

    private static <T> Uni<Void> sequentially(List<T> items, Function<T, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.flatMap(ignored -> step.apply(item));
        }
        return chain;
    }

    static ProblemException selfAction(String action) {
        return new ProblemException(Problem.of(409, "admin.self_action", "Admins cannot " + action + " themselves."), null, null);
    }

    private static String id(UserType user) {
        String sub = UserPool.attributeValue(user.attributes(), "sub");
        return sub == null ? user.username() : sub;
    }

    private static Group group(GroupType group) {
        return new Group(group.groupName(), group.description());
    }

    private record CognitoPage(List<UserType> users, String nextToken) {
    }
}
