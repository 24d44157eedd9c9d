package dev.lightbox.variant;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

/**
 * Renders an original into its variants, with bounded memory: the reader subsamples while decoding (every n-th pixel
 * of every n-th row), with n chosen from the header's dimensions so that the decoded image is at most about twice the
 * largest box per side, so a 24-megapixel photo never exists at full size in memory. The rest works on that small
 * image: scaled down in halving steps with bilinear filtering (good enough for a thumbnail, without the cost of a
 * resampling library), turned upright by its EXIF orientation, encoded as JPEG, or PNG when it has transparency.
 * <p>
 * Never upscaled: an original smaller than a box gets a variant of its own size (re-encoded and upright, so clients
 * can always use the variant). An animated GIF or WebP gets a still thumbnail of its first frame and no display
 * variant, so that viewers show the animated original. The only class using AWT, and only on the worker's threads.
 */
final class VariantRenderer {

    private static final float JPEG_QUALITY = 0.85f;

    private final AtomicReference<ImageReader> reading = new AtomicReference<>();
    private volatile boolean aborted;

    record Rendered(VariantSize size, String contentType, byte[] bytes, int width, int height) {
    }

    record Rendition(List<Rendered> variants, Placeholder placeholder) {
    }

    /** Stops a rendering under way (from another thread): the decoder stops at its next check, the rendering fails. */
    void abort() {
        aborted = true;
        ImageReader reader = reading.get();
        if (reader != null) {
            reader.abort();
        }
    }

    /** The variants of {@code original} for the sizes in {@code boxes} (each size's box in pixels), and its placeholder. */
    Rendition render(byte[] original, Map<VariantSize, Integer> boxes) throws IOException {
        int orientation = ExifOrientation.of(original);
        BufferedImage decoded;
        boolean animated;
        int largest;
        try (ImageInputStream input = new ByteArrayImageInputStream(original)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException("no image reader for this file");
            }
            ImageReader reader = readers.next();
            reading.set(reader);
            try {
                reader.setInput(input, false, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                animated = isAnimatable(reader) && reader.getNumImages(true) > 1;
                largest = animated ? boxes.get(VariantSize.THUMB) : boxes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / largest);
                param.setSourceSubsampling(step, step, 0, 0);
                checkNotAborted();
                decoded = reader.read(0, param);
                checkNotAborted();
            } finally {
                reading.set(null);
                reader.dispose();
            }
        }
        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage current = decoded;
        List<Rendered> variants = new ArrayList<>();
        BufferedImage thumbnail = null;
        for (VariantSize size : List.of(VariantSize.DISPLAY, VariantSize.THUMB)) {
            if (!boxes.containsKey(size) || animated && size != VariantSize.THUMB) {
                continue;
            }
            current = scaleToFit(current, boxes.get(size), alpha);
            checkNotAborted();
            BufferedImage upright = ExifOrientation.apply(current, orientation);
            variants.add(encode(size, upright, alpha));
            thumbnail = upright;
        }
        int[] pixels = thumbnail.getRGB(0, 0, thumbnail.getWidth(), thumbnail.getHeight(), null, 0, thumbnail.getWidth());
        return new Rendition(variants, Placeholder.of(pixels, thumbnail.getWidth(), thumbnail.getHeight()));
    }

    private static boolean isAnimatable(ImageReader reader) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        return format.equals("gif") || format.equals("webp");
    }

    /** The image fitted into a {@code box}-pixel square, in halving steps then one bilinear step; never enlarged. */
    private static BufferedImage scaleToFit(BufferedImage image, int box, boolean alpha) {
        double scale = Math.min(1.0, (double) box / Math.max(image.getWidth(), image.getHeight()));
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        do { // at least once: the result is always of one of the two types the encoders and the turning expect
            boolean halve = current.getWidth() >= 2 * targetWidth && current.getHeight() >= 2 * targetHeight;
            current = draw(current, halve ? current.getWidth() / 2 : targetWidth, halve ? current.getHeight() / 2 : targetHeight, alpha);
        } while (current.getWidth() != targetWidth || current.getHeight() != targetHeight);
        return current;
    }

    private static BufferedImage draw(BufferedImage image, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static Rendered encode(VariantSize size, BufferedImage image, boolean alpha) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String format = alpha ? "png" : "jpeg";
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!alpha) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Rendered(size, "image/" + format, bytes.toByteArray(), image.getWidth(), image.getHeight());
    }

    private void checkNotAborted() throws IOException {
        if (aborted) {
            throw new IOException("rendering took longer than its time limit");
        }
    }
}
