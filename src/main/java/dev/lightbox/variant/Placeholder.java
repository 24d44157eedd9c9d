package dev.lightbox.variant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client paints while a thumbnail loads: a BlurHash (https://blurha.sh, 4×3 components: 28 characters) and the
 * average colour. Computed from packed {@code 0xRRGGBB} pixels, so this class needs no AWT.
 */
@Schema(description = "Paint this while the thumbnail loads")
public record Placeholder(
        @Schema(description = "A BlurHash (https://blurha.sh) of 4×3 components", example = "LEHV6nWB2yk8pyo0adR*.7kCMdnj") String blurhash,
        @Schema(description = "The average colour", example = "#7f6a55") String color) {

    private static final String BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    private static final int COMPONENTS_X = 4;
    private static final int COMPONENTS_Y = 3;

    /** The placeholder of a {@code width} × {@code height} image given as row-major {@code 0xRRGGBB} pixels. */
    public static Placeholder of(int[] rgb, int width, int height) {
        double[][] linear = new double[3][rgb.length];
        long[] sums = new long[3];
        for (int i = 0; i < rgb.length; i++) {
            for (int channel = 0; channel < 3; channel++) {
                int value = (rgb[i] >> (16 - 8 * channel)) & 0xff;
                sums[channel] += value;
                linear[channel][i] = toLinear(value);
            }
        }
        String color = String.format("#%02x%02x%02x", sums[0] / rgb.length, sums[1] / rgb.length, sums[2] / rgb.length);
        return new Placeholder(blurhash(linear, width, height), color);
    }

    private static String blurhash(double[][] linear, int width, int height) {
        double[][] factors = new double[COMPONENTS_X * COMPONENTS_Y][];
        for (int j = 0; j < COMPONENTS_Y; j++) {
            for (int i = 0; i < COMPONENTS_X; i++) {
                factors[j * COMPONENTS_X + i] = factor(linear, width, height, i, j);
            }
        }
        double maximum = 0;
        for (int k = 1; k < factors.length; k++) {
            for (double value : factors[k]) {
                maximum = Math.max(maximum, Math.abs(value));
            }
        }
        int quantisedMaximum = (int) Math.max(0, Math.min(82, Math.floor(maximum * 166 - 0.5)));
        double scale = (quantisedMaximum + 1) / 166.0;
        StringBuilder hash = new StringBuilder();
        base83(hash, (COMPONENTS_X - 1) + (COMPONENTS_Y - 1) * 9, 1);
        base83(hash, quantisedMaximum, 1);
        double[] dc = factors[0];
        base83(hash, (toSrgb(dc[0]) << 16) | (toSrgb(dc[1]) << 8) | toSrgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] ac = factors[k];
            base83(hash, quantise(ac[0], scale) * 19 * 19 + quantise(ac[1], scale) * 19 + quantise(ac[2], scale), 2);
        }
        return hash.toString();
    }

    /** The weight of the cosine basis function (i, j) in each channel, as the BlurHash algorithm defines it. */
    private static double[] factor(double[][] linear, int width, int height, int i, int j) {
        double[] cosX = new double[width];
        for (int x = 0; x < width; x++) {
            cosX[x] = Math.cos(Math.PI * i * x / width);
        }
        double[] sum = new double[3];
        for (int y = 0; y < height; y++) {
            double cosY = Math.cos(Math.PI * j * y / height);
            for (int x = 0; x < width; x++) {
                double basis = cosX[x] * cosY;
                int p = y * width + x;
                sum[0] += basis * linear[0][p];
                sum[1] += basis * linear[1][p];
                sum[2] += basis * linear[2][p];
            }
        }
        double normalisation = (i == 0 && j == 0 ? 1.0 : 2.0) / ((double) width * height);
        return new double[] { sum[0] * normalisation, sum[1] * normalisation, sum[2] * normalisation };
    }

    private static int quantise(double value, double scale) {
        double signedRoot = Math.copySign(Math.sqrt(Math.abs(value / scale)), value);
        return (int) Math.max(0, Math.min(18, Math.floor(signedRoot * 9 + 9.5)));
    }

    private static double toLinear(int srgb) {
        double value = srgb / 255.0;
        return value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    }

    private static int toSrgb(double linear) {
        double value = Math.max(0, Math.min(1, linear));
        return value <= 0.0031308 ? (int) (value * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(value, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void base83(StringBuilder out, int value, int length) {
        for (int position = length - 1; position >= 0; position--) {
            int divisor = 1;
            for (int k = 0; k < position; k++) {
                divisor *= 83;
            }
            out.append(BASE83.charAt((value / divisor) % 83));
        }
    }
}
