package io.wanstudio.media;

import java.util.Locale;

/** Placeholder until the preview branch lands. */
public final class MediaFacts {
    private MediaFacts() {
    }

    public static String describe(MediaInfo info) {
        return info.format().toUpperCase(Locale.ROOT) + " · " + info.width() + "×" + info.height();
    }

    public static String aspect(int width, int height) {
        return width + ":" + height;
    }

    public static String outputSize(int width, int height, String resolution) {
        return "1280×720";
    }
}
