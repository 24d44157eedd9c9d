package dev.lightbox.image.metadata;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The machinery of a filter for formats made of length-prefixed segments (JPEG, PNG), which can be cleaned as the bytes
 * arrive: the format's parser {@linkplain #gather gathers} the few bytes it must read (a header, a small segment) and
 * then {@linkplain #copy copies} or {@linkplain #skip skips} the rest without holding it. Memory stays at what one
 * gathered segment needs, whatever the image's size.
 */
abstract class StreamingFilter implements MetadataFilter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EnumSet<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private long copying;
    private long skipping;
    private byte[] gathered = new byte[16];
    private int gatheredLength;
    private int wanted;
    private boolean scanning;
    private boolean finished;

    /**
     * The parser's next step, on the bytes it asked to {@link #gather}: it says what comes next by asking to gather
     * again (after copying or skipping some bytes, or scanning), or {@link #finish}es.
     */
    abstract void onGathered(byte[] data, int length) throws UnreadableImageException;

    @Override
    public final byte[] next(byte[] bytes) throws UnreadableImageException {
        int offset = 0;
        while (offset < bytes.length) {
            int available = bytes.length - offset;
            if (copying > 0) {
                int count = (int) Math.min(copying, available);
                out.write(bytes, offset, count);
                copying -= count;
                offset += count;
            } else if (skipping > 0) {
                int count = (int) Math.min(skipping, available);
                skipping -= count;
                offset += count;
            } else if (finished) {
                // Data after the image's end (a trailer, an appended file) is not shown by anything; it goes.
                removed.add(MetadataKind.OTHER);
                break;
            } else if (scanning) {
                int marker = indexOf((byte) 0xFF, bytes, offset);
                out.write(bytes, offset, marker - offset);
                offset = marker;
                if (marker < bytes.length) {
                    scanning = false;
                }
            } else {
                int count = Math.min(wanted - gatheredLength, available);
                System.arraycopy(bytes, offset, gathered, gatheredLength, count);
                gatheredLength += count;
                offset += count;
                if (gatheredLength == wanted) {
                    int length = gatheredLength;
                    gatheredLength = 0;
                    wanted = 0;
                    onGathered(gathered, length);
                    if (wanted == 0 && !finished) {
                        throw new UnreadableImageException("The parser stopped before the image's end.");
                    }
                }
            }
        }
        return drain();
    }

    @Override
    public final byte[] end() throws UnreadableImageException {
        if (!finished || copying > 0 || skipping > 0) {
            throw new UnreadableImageException("The image ends before its end marker.");
        }
        return drain();
    }

    @Override
    public final Set<MetadataKind> removed() {
        return removed;
    }

    /** The next {@code count} bytes go to {@link #onGathered}. */
    final void gather(int count) {
        if (gathered.length < count) {
            gathered = Arrays.copyOf(gathered, count);
        }
        wanted = count;
    }

    /** Like {@link #gather}, with {@code first} already gathered (a byte the parser read but gives back). */
    final void gatherAfter(byte first, int count) {
        gather(count);
        gathered[0] = first;
        gatheredLength = 1;
    }

    final void copy(long count) {
        copying = count;
    }

    final void skip(long count) {
        skipping = count;
    }

    /** Passes bytes on up to the next 0xFF, which is then gathered with the byte after it (JPEG entropy-coded data). */
    final void scan() {
        scanning = true;
        gather(2);
    }

    /** The image's end was reached: whatever follows is dropped. */
    final void finish() {
        finished = true;
    }

    final void emit(byte[] bytes, int offset, int length) {
        out.write(bytes, offset, length);
    }

    final void removed(MetadataKind kind) {
        removed.add(kind);
    }

    final void removed(Set<MetadataKind> kinds) {
        removed.addAll(kinds);
    }

    private byte[] drain() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private static int indexOf(byte value, byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return bytes.length;
    }
}
