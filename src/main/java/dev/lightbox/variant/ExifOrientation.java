package dev.lightbox.variant;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * The EXIF orientation (1-8) of an image file, and turning pixels the way it says: cameras store pixels as the sensor
 * saw them and record how to turn them, so a variant, whose metadata is not kept, is turned once it is made.
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /** The orientation tag of the file's first EXIF block; {@link #NORMAL} when there is none or it cannot be read. */
    static int of(byte[] file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file), file.length);
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation == null || orientation < 1 || orientation > 8 ? NORMAL : orientation;
        } catch (Exception unreadable) {
            return NORMAL;
        }
    }

    /** Whether turning swaps width and height (orientations 5-8 turn by a quarter). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /** The image turned upright. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation == NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);      // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);     // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);      // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);       // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);      // turned a quarter clockwise to view
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);     // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);      // turned a quarter anticlockwise to view
            default -> new AffineTransform();
        };
        BufferedImage upright = new BufferedImage(swapsSides(orientation) ? h : w, swapsSides(orientation) ? w : h, image.getType());
        return new AffineTransformOp(transform, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, upright);
    }
}
