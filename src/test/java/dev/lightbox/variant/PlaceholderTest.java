package dev.lightbox.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Clients decode the placeholder with any BlurHash library, so ours must encode exactly as the reference does. */
class PlaceholderTest {

    @Test
    void encodesAsTheReferenceImplementation() {
        int width = 8;
        int height = 6;
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int value = 255 - x * 255 / (width - 1);  // bright to dark, greener downwards
                rgb[y * width + x] = value << 16 | Math.min(255, value + y * 10) << 8 | value >> 1;
            }
        }
        Placeholder placeholder = Placeholder.of(rgb, width, height);
        // From the reference TypeScript encoder (npm blurhash 2.0.5: encode(pixels, 8, 6, 4, 3)) for the same pixels.
        // That encoder scales by the largest signed AC value where the C and Kotlin ones take the largest magnitude (as
        // we do); this image's largest AC value is positive, so all agree.
        assertEquals("L~I63O~l?E%KxZxZt5oxe;e;fjfj", placeholder.blurhash());
        assertEquals("#7f953f", placeholder.color());
    }
}
