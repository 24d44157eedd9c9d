package dev.lightbox;

import dev.lightbox.schema.MigrationRun;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Serves, or, started with {@code QUARKUS_INIT_AND_EXIT=true}, migrates the schema and exits
 * ({@link MigrationRun}): the migration needs neither the service nor a JDBC stack, so it runs before Quarkus boots.
 */
@QuarkusMain
public final class LightboxMain {

    private LightboxMain() {
    }

    public static void main(String... args) {
        if (MigrationRun.requested()) {
            System.exit(MigrationRun.run());
        }
        Quarkus.run(args);
    }
}
