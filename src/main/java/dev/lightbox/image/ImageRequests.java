package dev.lightbox.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Bodies of the image operations. */
public final class ImageRequests {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;

    private ImageRequests() {
    }

    /** {@code POST /api/images/uploads}; the filename is checked by {@link FilenamePolicy}, the type and size by config. */
    public record UploadRequest(
            @NotNull String filename,
            @NotBlank String contentType,
            @NotNull @Positive Long size,
            String level,
            @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_DESCRIPTION) String description) {
    }

    public record UploadTicket(ImageView image, Upload upload) {
    }

    /** Send the file with {@code method} to {@code url} with exactly these {@code headers} before {@code expiresAt}. */
    public record Upload(String method, String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** {@code PATCH /api/images/{id}}: absent fields stay as they are. */
    public record ImagePatch(
            @Size(max = MAX_TITLE) String title,
            @Size(max = MAX_DESCRIPTION) String description,
            String level) {
    }

    public record ImagePage(List<ImageView> items, String nextCursor) {
    }
}
