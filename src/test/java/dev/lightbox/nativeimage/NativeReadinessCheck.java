package dev.lightbox.nativeimage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fails when the native binary would break where the JVM does not: a type of ours that goes to or from JSON but is
 * not registered for reflection (the binary then writes {@code {}} or answers 500), a resource method whose body
 * type Quarkus cannot see, a local-stack class inside the image, or a migration script or the configuration defaults
 * that the migration run reads as resources left out of it. Reads what
 * {@code ./mvnw package -Dnative -Dquarkus.native.sources-only=true} generated, and what {@link JsonTypeRecorder}
 * saw during the in-process tests; the types come from the code, never from a list kept by hand.
 */
@Tag(NativeReadinessCheck.TAG)
class NativeReadinessCheck {

    static final String TAG = "native-readiness";
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path NATIVE_SOURCES = Path.of("target", "native-sources");

    @Test
    void everyJsonTypeIsRegisteredForReflection() throws IOException {
        JsonTypes fromCode = JsonTypes.scan(CLASSES);
        assertTrue(Files.isRegularFile(JsonTypeRecorder.RECORD),
                JsonTypeRecorder.RECORD + " is missing: run the in-process tests (./mvnw verify) before this check");

        Set<String> required = new TreeSet<>(fromCode.types());
        required.addAll(Files.readAllLines(JsonTypeRecorder.RECORD));
        Set<String> registered = NativeImageConfig.read(NATIVE_SOURCES).reflectiveTypes();

        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(registered);
        assertAll(
                () -> assertFalse(registered.isEmpty(), "the native-image configuration registers nothing: is it the right file?"),
                () -> assertEquals(List.of(), fromCode.hiddenBodies(),
                        "Resource methods whose body type is invisible at build time (use RestResponse<T> or a typed return)"),
                () -> assertEquals(Set.of(), missing, "JSON types not registered for reflection in the native image"));
    }

    @Test
    void theMigrationRunFindsItsScriptsAndDefaultsInTheImage() throws IOException {
        NativeImageConfig image = NativeImageConfig.read(NATIVE_SOURCES);
        try (Stream<Path> scripts = Files.list(CLASSES.resolve("db/migration"))) {
            List<String> missing = Stream.concat(Stream.of("application.properties"),
                    scripts.map(script -> "db/migration/" + script.getFileName())).filter(path -> !image.includesResource(path)).toList();
            assertEquals(List.of(), missing, "resources the migration run reads, missing from the native image");
        }
    }

    @Test
    void noLocalStackClassIsInTheImage() throws IOException {
        NativeImageConfig image = NativeImageConfig.read(NATIVE_SOURCES);
        assertEquals(List.of(), image.localStackEntries(), "local-stack code or libraries in the native image");
        try (Stream<Path> classes = Files.walk(CLASSES)) {
            assertFalse(classes.anyMatch(path -> path.toString().contains("localstack")),
                    "local-stack classes left in " + CLASSES + " when the image was built");
        }
    }
}
