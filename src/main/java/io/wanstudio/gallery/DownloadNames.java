package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * File names a person recognises in their downloads folder: the day the task was made, the first words of its
 * prompt and its number, e.g. {@code 2026-11-30 lanterns-sway-in-the-wind 42.mp4}. Letters of every script are
 * kept (and digits); everything else, which file systems or shells may choke on, is dropped.
 */
public final class DownloadNames {
    private static final int WORDS = 6;
    private static final int MAX_SLUG = 60;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private DownloadNames() {
    }

    /** The video's download name (dates in UTC, as the studio stores them). */
    public static String of(GenerationTask task) {
        return of(task.getCreatedAt(), task.getPrompt(), task.getId());
    }

    /** The same from the task's facts (e.g. as the API lists them). */
    public static String of(Instant createdAt, String prompt, long id) {
        return DAY.format(createdAt) + " " + slug(prompt) + " " + id + ".mp4";
    }

    /** The bulk download's name: {@code wan-studio-<day>-<n>-videos.zip}. */
    public static String zip(Instant now, int videos) {
        return "wan-studio-" + DAY.format(now) + "-" + videos + "-videos.zip";
    }

    /** Up to six words of the prompt in lower case joined by hyphens; "video" when none is left. */
    static String slug(String prompt) {
        String text = prompt == null ? "" : Normalizer.normalize(prompt, Normalizer.Form.NFC);
        String slug = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{M}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).limit(WORDS).collect(Collectors.joining("-"));
        if (slug.length() > MAX_SLUG) {
            int cut = slug.lastIndexOf('-', MAX_SLUG);
            slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG);
        }
        return slug.isEmpty() ? "video" : slug;
    }

    /**
     * The name for clients that do not read RFC 6266's {@code filename*}: accents dropped, words in other scripts
     * left out.
     */
    static String asciiFallback(String fileName) {
        String[] parts = fileName.split(" ");
        if (parts.length != 3) {
            return ascii(fileName);
        }
        String slug = Arrays.stream(ascii(parts[1]).split("-")).filter(word -> !word.isEmpty())
                .collect(Collectors.joining("-"));
        return parts[0] + " " + (slug.isEmpty() ? "video" : slug) + " " + parts[2];
    }

    /** {@code Content-Disposition} for a download under this name: UTF-8 per RFC 6266 with an ASCII fallback. */
    public static String attachment(String fileName) {
        // URLEncoder writes a space as '+'; our names hold only letters, digits, '-', '.' and spaces otherwise
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encoded;
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9 .-]", "");
    }
}
