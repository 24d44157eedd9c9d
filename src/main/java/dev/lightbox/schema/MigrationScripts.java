package dev.lightbox.schema;

import java.util.List;

/**
 * The schema's scripts, oldest first. A native binary cannot list a resource folder, so they are named here; a test
 * (MigrationScriptsTest) fails when this list and {@code src/main/resources/db/migration} disagree.
 */
final class MigrationScripts {

    static final List<String> NAMES = List.of(
            "V1__user_profile.sql",
            "V2__images.sql",
            "V3__sharing.sql",
            "V4__quotas.sql",
            "V5__metadata_removed.sql",
            "V6__variants.sql");

    private MigrationScripts() {
    }

    static List<MigrationScript> load() {
        return NAMES.stream().map(MigrationScript::load).toList();
    }
}
