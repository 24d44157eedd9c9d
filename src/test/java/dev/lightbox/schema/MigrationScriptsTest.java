package dev.lightbox.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    @Test
    void everyScriptOfTheMigrationFolderIsListedInVersionOrder() throws IOException {
        try (Stream<Path> folder = Files.list(Path.of("src/main/resources", MigrationScript.LOCATION))) {
            List<String> onDisk = folder.map(path -> path.getFileName().toString())
                    .sorted(Comparator.comparingInt(name -> MigrationScript.load(name).version())).toList();
            assertEquals(onDisk, MigrationScripts.NAMES, "MigrationScripts.NAMES must list db/migration, oldest first");
        }
    }

    @Test
    void checksumIsFlywaysLineBasedCrc() {
        assertEquals(MigrationScript.checksum("create table a (id int);\nselect 1;\n"),
                MigrationScript.checksum("\uFEFFcreate table a (id int);\r\nselect 1;"),
                "line breaks and a byte-order mark do not change the checksum");
    }
}
