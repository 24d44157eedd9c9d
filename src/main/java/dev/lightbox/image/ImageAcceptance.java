package dev.lightbox.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one decision both upload paths make on the first bytes of what arrived: a readable image of the expected type,
 * within the pixel limit. Only the header is parsed ({@link ImageInspector}); no pixel is decoded, so a decompression
 * bomb costs no more than any other header.
 */
@ApplicationScoped
public class ImageAcceptance {

    private final long maxPixels;

    @Inject
    public ImageAcceptance(ImageConfig config) {
        this(config.maxPixels());
    }

    ImageAcceptance(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The inspection of an acceptable image; a 422 problem otherwise. */
    ImageInspector.Inspection accept(byte[] prefix, int length, String expectedType) {
        ImageInspector.Inspection inspection = ImageInspector.inspect(prefix, length);
        if (inspection == null || !inspection.contentType().equals(expectedType)) {
            throw ImageProblems.contentMismatch("The file is not a readable " + expectedType + " image.");
        }
        // As a long: two header fields of up to 2^31 each would overflow an int product.
        if ((long) inspection.width() * inspection.height() > maxPixels) {
            throw ImageProblems.tooManyPixels(maxPixels);
        }
        return inspection;
    }
}
