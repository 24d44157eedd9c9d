package dev.lightbox.image.metadata;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A filter for formats cleaned in one pass over the whole file, which it holds until the input ends: WebP, whose
 * header states the file's size before the chunks that go, and GIF. The caller bounds the file's size.
 */
abstract class WholeFileFilter implements MetadataFilter {

    private static final byte[] NOTHING = new byte[0];

    private final EnumSet<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private byte[] image;
    private int length;

    /** The cleaned image of {@code image[0, length)}, noting what was removed. */
    abstract byte[] strip(byte[] image, int length, Set<MetadataKind> removed) throws UnreadableImageException;

    @Override
    public final byte[] next(byte[] bytes) {
        if (image == null) {
            image = bytes;  // a whole file given at once is not copied
        } else {
            if (length + bytes.length > image.length) {
                image = Arrays.copyOf(image, Math.max(length + bytes.length, image.length * 2));
            }
            System.arraycopy(bytes, 0, image, length, bytes.length);
        }
        length += bytes.length;
        return NOTHING;
    }

    @Override
    public final byte[] end() throws UnreadableImageException {
        byte[] whole = image == null ? NOTHING : image;
        image = null;
        return strip(whole, length, removed);
    }

    @Override
    public final Set<MetadataKind> removed() {
        return removed;
    }
}
