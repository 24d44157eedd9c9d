package dev.lightbox.variant;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Time and heap of rendering the variants of a large photo: a 6000 × 4000 (24 MP) JPEG of about 20 MB, made here
 * (a gradient with fine noise, so that it compresses like a detailed photo). Not a test: see README "Benchmarks".
 * {@code java -Xmx256m -cp "$cp" dev.lightbox.variant.VariantBenchmark [runs]}. Peak heap is the sum of the heap pools'
 * peak usage during one rendering, after a full GC: an upper bound of what it needed, since garbage counts until
 * collected; run again with a small -Xmx (the photo is kept in target/) to see what suffices.
 */
public final class VariantBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        // Made once and kept: making it needs the full 96 MB raster, which rendering must not, so that a later run
        // with a small -Xmx measures the rendering alone.
        Path file = Path.of("target", "variant-benchmark-24mp.jpg");
        if (!Files.exists(file)) {
            Files.write(file, photo(6000, 4000));
        }
        byte[] photo = Files.readAllBytes(file);
        System.out.printf("original: 6000 x 4000 JPEG, %.1f MB%n", photo.length / 1e6);
        Map<VariantSize, Integer> boxes = new EnumMap<>(Map.of(VariantSize.THUMB, 256, VariantSize.DISPLAY, 1280));
        VariantRenderer.Rendition first = null;
        for (int run = 1; run <= runs; run++) {
            System.gc();
            long baseline = heapUsed();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            VariantRenderer.Rendition rendition = new VariantRenderer().render(photo, boxes);
            long elapsed = System.nanoTime() - started;
            first = first == null ? rendition : first;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf("run %d: %d ms, heap peak %.0f MB (%.0f MB before), variants %s%n", run, elapsed / 1_000_000,
                    peak / 1e6, baseline / 1e6, rendition.variants().stream()
                            .map(variant -> variant.size().wire() + " " + variant.width() + "x" + variant.height() + " " + variant.bytes().length / 1000 + " kB")
                            .toList());
        }
        long thumb = first.variants().stream().filter(variant -> variant.size() == VariantSize.THUMB).findFirst().orElseThrow().bytes().length;
        System.out.printf("a gallery page of 20 such photos: originals %.1f MB, thumbnails %.0f kB, %.1f MB saved%n",
                20 * photo.length / 1e6, 20 * thumb / 1e3, 20 * (photo.length - thumb) / 1e6);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] photo(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(64)) & 0xff;
                int g = (y * 255 / height + random.nextInt(64)) & 0xff;
                int b = ((x + y) * 127 / (width + height) + random.nextInt(64)) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
