package dev.lightbox.user;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.reliability.Database;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The user_profile table through the reactive PostgreSQL client: single statements, each atomic on its own, so no
 * Hibernate session has to survive the Cognito calls around them.
 */
@ApplicationScoped
public class UserProfileStore {

    private static final String UNIQUE_VIOLATION = "23505";

    /** The PostgreSQL notification channel on which sign-outs are announced, with the user's id as payload. */
    public static final String SIGN_OUT_CHANNEL = "lightbox_sign_out";

    private final Database database;
    private final Event<SignedOut> signedOut;

    public UserProfileStore(Database database, Event<SignedOut> signedOut) {
        this.database = database;
        this.signedOut = signedOut;
    }

    /** Fired in this instance once a sign-out is recorded (other instances hear of it through the channel). */
    public record SignedOut(String userId) {
    }

    public record Profile(String id, String username, Instant createdAt, Instant signedOutAt) {
    }

    /** The user's profile, created empty on first sight. */
    public Uni<Profile> ensure(String id) {
        return find(id).flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                : database.execute("insert into user_profile (id) values ($1) on conflict (id) do nothing", Tuple.of(id))
                        .flatMap(ignored -> find(id))
                        .map(Optional::orElseThrow));
    }

    public Uni<Optional<Profile>> find(String id) {
        return database.execute("select id, username, created_at, signed_out_at from user_profile where id = $1", Tuple.of(id))
                .map(UserProfileStore::first);
    }

    public Uni<Optional<Profile>> findByUsername(String username) {
        return database.execute(
                        "select id, username, created_at, signed_out_at from user_profile where lower(username) = lower($1)",
                        Tuple.of(username))
                .map(UserProfileStore::first);
    }

    /** Usernames of the given users that have one. */
    public Uni<Map<String, String>> usernames(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.execute("select id, username from user_profile where id = any($1) and username is not null",
                        Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> usernames = new HashMap<>();
                    rows.forEach(row -> usernames.put(row.getString("id"), row.getString("username")));
                    return usernames;
                });
    }

    /**
     * Sets the username if the user has none yet, atomically: the update's condition decides "already set" and the
     * unique index on lower(username) decides "taken", so two racing requests cannot both win.
     */
    public Uni<Void> claimUsername(String id, String username) {
        return database.execute("""
                        insert into user_profile (id, username) values ($1, $2)
                        on conflict (id) do update set username = excluded.username where user_profile.username is null""",
                        Tuple.of(id, username))
                .onFailure(UserProfileStore::isUniqueViolation)
                .transform(e -> ProblemException.conflict("username.taken", "This username is taken."))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.conflict("username.already_set",
                                "Your username is already set; it never changes.")));
    }

    /** Undoes {@link #claimUsername} when what must follow it failed. */
    public Uni<Void> releaseUsername(String id, String username) {
        return database.execute("update user_profile set username = null where id = $1 and username = $2",
                Tuple.of(id, username)).replaceWithVoid();
    }

    /** Tokens of this user authenticated until now are refused from now on, by every instance. */
    public Uni<Void> recordSignOut(String id) {
        return signOut(id, "signed_out_at = now()");
    }

    /**
     * What is left of a deleted user: no username, and a sign-out time that keeps refusing its tokens until they
     * expire (a token outlives its user by up to its lifetime, and the first authenticated call would otherwise
     * create a fresh profile for it).
     */
    public Uni<Void> forget(String id) {
        return signOut(id, "username = null, signed_out_at = now()");
    }

    /** One statement records the sign-out and tells every instance listening on {@link #SIGN_OUT_CHANNEL}. */
    private Uni<Void> signOut(String id, String changes) {
        return database.execute("""
                        with changed as (
                            insert into user_profile (id, signed_out_at) values ($1, now())
                            on conflict (id) do update set %s returning id)
                        select pg_notify('%s', id) from changed""".formatted(changes, SIGN_OUT_CHANNEL), Tuple.of(id))
                .invoke(() -> signedOut.fire(new SignedOut(id)))
                .replaceWithVoid();
    }

    private static Optional<Profile> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        return Optional.of(new Profile(row.getString("id"), row.getString("username"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("signed_out_at"))));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static boolean isUniqueViolation(Throwable error) {
        return error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
