package dev.lightbox.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lightbox.problem.ProblemException;

/** The pixel limit's edge, per type, without a boot: exactly the limit is accepted, one pixel more is not. */
class ImageAcceptanceTest {

    private final ImageAcceptance acceptance = new ImageAcceptance(1_000 * 1_000);

    @ParameterizedTest
    @ValueSource(strings = { "image/png", "image/jpeg", "image/gif", "image/webp" })
    void theLimitIsInclusive(String type) {
        byte[] atLimit = TestImages.declaring(type, 1_000, 1_000);
        ImageInspector.Inspection inspection = acceptance.accept(atLimit, atLimit.length, type);
        assertEquals(1_000, inspection.width());
        assertEquals(1_000, inspection.height());

        byte[] over = TestImages.declaring(type, 1_000, 1_001);
        ProblemException refused = assertThrows(ProblemException.class, () -> acceptance.accept(over, over.length, type));
        assertEquals(422, refused.problem().status());
        assertEquals("image.too_many_pixels", refused.problem().code());
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/jpeg", "image/gif", "image/webp" })
    void aPngWhereAnotherTypeWasExpectedIsAMismatch(String type) {
        byte[] png = TestImages.png(2, 2);
        ProblemException refused = assertThrows(ProblemException.class, () -> acceptance.accept(png, png.length, type));
        assertEquals("image.content_mismatch", refused.problem().code());
    }
}
