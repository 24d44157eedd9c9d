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
                rgb[y * width + x] = (x * 255 / (width - 1)) << 16 | (y * 255 / (height - 1)) << 8 | (x * y * 37) % 256;
            }
        }
        Placeholder placeholder = Placeholder.of(rgb, width, height);
        // From the reference TypeScript encoder (npm blurhash 2.0.5: encode(pixels, 8, 6, 4, 3)) for the same pixels.
        assertEquals("LII5ek44a;_1_V9afRq|d;e,fUe]", placeholder.blurhash());
        assertEquals("#7f7f53", placeholder.color());
    }
}
