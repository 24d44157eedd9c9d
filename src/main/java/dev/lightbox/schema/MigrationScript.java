package dev.lightbox.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * One versioned script of {@code db/migration}, named and checksummed exactly as Flyway does ({@code V<version>__<words>.sql},
 * CRC32 over the lines without their line breaks), so that a database migrated by Flyway and one migrated by
 * {@link SchemaMigrator} carry the same history and either tool can take over from the other.
 */
record MigrationScript(int version, String description, String script, int checksum, boolean inTransaction, String sql) {

    static final String LOCATION = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Flyway's per-script switch, for statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY). */
    private static final String NO_TRANSACTION = "-- flyway:executeInTransaction=false";
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    static MigrationScript load(String script) {
        Matcher name = NAME.matcher(script);
        if (!name.matches()) {
            throw new IllegalArgumentException("Not a versioned migration name: " + script);
        }
        String text = read(script);
        return new MigrationScript(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), script,
                checksum(text), text.lines().noneMatch(line -> line.strip().equals(NO_TRANSACTION)), text);
    }

    /** Flyway's checksum: CRC32 of every line's UTF-8 bytes, line breaks and a leading byte-order mark left out. */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        String withoutMark = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        withoutMark.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    private static String read(String script) {
        InputStream in = MigrationScript.class.getClassLoader().getResourceAsStream(LOCATION + script);
        if (in == null) {
            throw new IllegalStateException("Migration script missing from the artifact: " + LOCATION + script);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
