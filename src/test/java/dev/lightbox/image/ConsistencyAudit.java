package dev.lightbox.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Rows and objects agree: every ready image's object and every variant's object exists, and every object belongs to an
 * image row or a variant row; and every user's quota usage is what its image rows add up to (variants are not counted).
 */
final class ConsistencyAudit {

    private ConsistencyAudit() {
    }

    /** Waits (the clean-up runs every few seconds, failed deletions back off) until rows and objects agree. */
    static void assertRowsAndObjectsAgreeWithin(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Set<String> objects = objectKeys();
            Set<String> readyKeys = keys("select object_key from image where status = 'ready' union all select object_key from image_variant");
            // Upload objects belong to their pending image, or are scheduled to go when their URL can no longer write them.
            Set<String> rowKeys = keys("select object_key from image union all select object_key from image_variant"
                    + " union all select 'uploads/' || owner_id || '/' || id from image where status = 'pending'"
                    + " union all select object_key from object_deletion where object_key like 'uploads/%'");
            Set<String> orphans = new TreeSet<>(objects);
            orphans.removeAll(rowKeys);
            Set<String> missing = new TreeSet<>(readyKeys);
            missing.removeAll(objects);
            if ((orphans.isEmpty() && missing.isEmpty()) || System.nanoTime() > deadline) {
                assertEquals(Set.of(), missing, "ready images whose object is missing");
                assertEquals(Set.of(), orphans, "objects no image row points at");
                assertUsageMatchesRows();
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Every user's quota ledger equals what its image rows add up to, pending uploads included. */
    static void assertUsageMatchesRows() throws SQLException {
        Set<String> off = keys("""
                select coalesce(q.user_id, i.owner_id) from user_quota q
                full join (select owner_id, sum(size) as bytes, count(*) as images from image group by owner_id) i
                       on i.owner_id = q.user_id
                where coalesce(q.used_bytes, 0) <> coalesce(i.bytes, 0) or coalesce(q.used_images, 0) <> coalesce(i.images, 0)""");
        assertEquals(Set.of(), off, "users whose quota usage differs from their image rows");
    }

    private static Set<String> objectKeys() {
        try (S3Client s3 = TestImages.s3()) {
            Set<String> keys = new HashSet<>();
            s3.listObjectsV2Paginator(request -> request.bucket(TestImages.bucket())).contents().stream()
                    .map(S3Object::key).forEach(keys::add);
            return keys;
        }
    }

    private static Set<String> keys(String sql) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection connection = TestImages.database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
