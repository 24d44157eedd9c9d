package dev.lightbox.image.metadata;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A filter for formats cleaned in one pass over the whole file, which it holds until the input ends: WebP, whose
 * header states the file's size before the chunks that go, and GIF. The caller bounds the file's size. The pieces are
 * joined once, at the end, so the file is held at most twice (pieces and whole) before the cleaned copy is made.
 */
abstract class WholeFileFilter implements MetadataFilter {

    private static final byte[] NOTHING = new byte[0];

    private final EnumSet<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private List<byte[]> pieces = new ArrayList<>();
    private int length;

    /** The cleaned image of {@code image[0, length)}, noting what was removed. */
    abstract byte[] strip(byte[] image, int length, Set<MetadataKind> removed) throws UnreadableImageException;

    @Override
    public final byte[] next(byte[] bytes) throws UnreadableImageException {
        if ((long) length + bytes.length > Integer.MAX_VALUE) {
            throw new UnreadableImageException("The image is too large.");
        }
        pieces.add(bytes);
        length += bytes.length;
        return NOTHING;
    }

    @Override
    public final byte[] end() throws UnreadableImageException {
        byte[] whole = pieces.size() == 1 ? pieces.get(0) : new byte[length];  // a whole file given at once is not copied
        if (pieces.size() > 1) {
            int offset = 0;
            for (byte[] piece : pieces) {
                System.arraycopy(piece, 0, whole, offset, piece.length);
                offset += piece.length;
            }
        }
        pieces = List.of();
        return strip(whole, length, removed);
    }

    @Override
    public final Set<MetadataKind> removed() {
        return removed;
    }
}
