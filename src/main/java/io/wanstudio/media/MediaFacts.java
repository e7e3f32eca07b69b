package io.wanstudio.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The facts a user sees under a medium's preview ("JPEG · 1280×720 · 16:9 · 2.1 MB"), and the size of video the
 * model will make from an input of a given aspect. Sizes are in binary units, as the limits are ("20 MB" is
 * 20×1024×1024 bytes).
 */
public final class MediaFacts {
    private static final String SEPARATOR = " · ";
    private static final long KIBIBYTE = 1024;
    private static final long MEBIBYTE = 1024 * KIBIBYTE;
    /** Reduced ratios with both terms up to this read well ("16:9", "21:9"); larger ones are given as decimals. */
    private static final int MAX_RATIO_TERM = 32;
    /** How close a ratio must be to a common one to be called "about" it, or to get its standard output size. */
    private static final double CLOSE = 0.01;
    private static final int[][] COMMON_RATIOS = {{1, 1}, {4, 3}, {3, 2}, {16, 9}, {21, 9}, {9, 16}, {3, 4},
            {2, 3}, {9, 21}};
    /** Pixels of the model's output by resolution: those of 1280×720 and of 1920×1080. */
    private static final long PIXELS_720P = 1280L * 720;
    private static final long PIXELS_1080P = 1920L * 1080;
    /** Output sides are multiples of this (the video codec's macroblock). */
    private static final int SIDE_STEP = 16;

    private MediaFacts() {
    }

    /**
     * One line of facts: "JPEG · 1280×720 · 16:9 · 2.1 MB" for an image, "MP4 · 1280×720 · 16:9 · 4.0 s · 3.2 MB"
     * for a clip, "MP3 · 12.4 s · 1.1 MB" for audio.
     */
    public static String describe(MediaInfo info) {
        List<String> facts = new ArrayList<>();
        facts.add(info.format().toUpperCase(Locale.ROOT));
        if (info.kind() != MediaKind.AUDIO && info.width() > 0 && info.height() > 0) {
            facts.add(info.width() + "×" + info.height());
            facts.add(aspect(info.width(), info.height()));
        }
        if (info.kind() != MediaKind.IMAGE) {
            facts.add(String.format(Locale.ROOT, "%.1f s", info.durationSeconds()));
        }
        facts.add(size(info.sizeBytes()));
        return String.join(SEPARATOR, facts);
    }

    /**
     * The aspect ratio as people write it: reduced ("16:9", "1:8"; a common ratio as it is known, "21:9") when both
     * terms are at most 32; else about a
     * common ratio when within 1% of one ("≈ 16:9" for 1366×768); else a decimal ("2.39:1", or "1:2.39" upright).
     */
    public static String aspect(int width, int height) {
        requirePositive(width, height);
        int divisor = gcd(width, height);
        int across = width / divisor;
        int down = height / divisor;
        if (across <= MAX_RATIO_TERM && down <= MAX_RATIO_TERM) {
            for (int[] common : COMMON_RATIOS) {
                if (common[0] * down == common[1] * across) {
                    return common[0] + ":" + common[1]; // as people say it: "21:9", not "7:3"
                }
            }
            return across + ":" + down;
        }
        double ratio = width / (double) height;
        for (int[] common : COMMON_RATIOS) {
            if (isClose(ratio, common[0] / (double) common[1])) {
                return "≈ " + common[0] + ":" + common[1];
            }
        }
        return ratio >= 1 ? String.format(Locale.ROOT, "%.2f:1", ratio)
                : String.format(Locale.ROOT, "1:%.2f", 1 / ratio);
    }

    /**
     * The size of the video Wan 2.7 makes from an input of this aspect at {@code resolution} ("720P" or "1080P"),
     * e.g. "1280×720": the input's aspect with about as many pixels as 1280×720 or 1920×1080, each side a multiple
     * of 16; inputs within 1% of 16:9 or 9:16 get the standard sizes.
     */
    public static String outputSize(int width, int height, String resolution) {
        requirePositive(width, height);
        long pixels = switch (resolution == null ? "" : resolution) {
            case "720P" -> PIXELS_720P;
            case "1080P" -> PIXELS_1080P;
            default -> throw new IllegalArgumentException("Not a resolution of the model: " + resolution);
        };
        double ratio = width / (double) height;
        boolean fullHd = pixels == PIXELS_1080P;
        if (isClose(ratio, 16 / 9.0)) {
            return fullHd ? "1920×1080" : "1280×720";
        }
        if (isClose(ratio, 9 / 16.0)) {
            return fullHd ? "1080×1920" : "720×1280";
        }
        return toStep(Math.sqrt(pixels * ratio)) + "×" + toStep(Math.sqrt(pixels / ratio));
    }

    /** A file size as the limits are written: "512 KB" under a megabyte, else one decimal, "2.1 MB". */
    static String size(long bytes) {
        long kilobytes = Math.round(bytes / (double) KIBIBYTE);
        if (bytes < MEBIBYTE && kilobytes < KIBIBYTE) {
            return kilobytes + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MEBIBYTE);
    }

    private static boolean isClose(double ratio, double common) {
        return Math.abs(ratio / common - 1) <= CLOSE;
    }

    private static int toStep(double side) {
        return (int) Math.max(SIDE_STEP, Math.round(side / SIDE_STEP) * SIDE_STEP);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void requirePositive(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("No picture size: " + width + "×" + height);
        }
    }
}
