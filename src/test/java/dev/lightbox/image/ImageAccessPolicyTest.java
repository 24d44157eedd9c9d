package dev.lightbox.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lightbox.problem.ProblemException;
import dev.lightbox.testsupport.Identities.TestUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * {@link ImageAccessPolicy}'s two forms agree on every caller and image of the access matrix: the decision for one
 * image ({@link ImageLookup#readable}) and the condition lists use ({@link ImageLookup#listable}). In process only: it
 * asks the application's beans directly.
 */
@QuarkusTest
class ImageAccessPolicyTest {

    private static AccessFixture fixture;

    @Inject
    ImageLookup lookup;

    private static synchronized AccessFixture fixture() {
        if (fixture == null) {
            fixture = AccessFixture.create();
        }
        return fixture;
    }

    static Stream<Arguments> callersAndImages() {
        List<Arguments> pairs = new ArrayList<>();
        for (String caller : List.of("guest", "owner", "other", "admin", "grantee", "member")) {
            for (String target : List.of("public", "protected", "private", "pending")) {
                pairs.add(Arguments.of(caller, target));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} reads {1}: decision = list condition")
    @MethodSource("callersAndImages")
    void theDecisionAndTheListConditionAgree(String caller, String target) throws Throwable {
        Caller who = callerOf(caller);
        String id = fixture().images().get(target).id();
        boolean decided = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> lookup.readable(id, who)
                .map(found -> true).onFailure(ProblemException.class).recoverWithItem(false)));
        boolean listable = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> lookup.listable(UUID.fromString(id), who)));
        assertEquals(decided, listable);
    }

    private static Caller callerOf(String caller) {
        if (caller.equals("guest")) {
            return Caller.GUEST;
        }
        TestUser user = fixture().users().get(caller);
        Set<String> groups = switch (caller) {
            case "admin" -> Set.of("Admin");
            case "member" -> Set.of("Doctor");
            default -> Set.of();
        };
        return new Caller(user.id(), caller.equals("admin"), groups);
    }
}
