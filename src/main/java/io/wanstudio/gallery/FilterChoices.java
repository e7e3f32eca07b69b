package io.wanstudio.gallery;

import jakarta.faces.model.SelectItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the pages that list tasks (the gallery, the team history) offer as filters, and how their filters travel
 * in a URL: one set of words for the same choices everywhere.
 */
public final class FilterChoices {
    private static final List<SelectItem> STATES = List.of(new SelectItem("", "Any state"),
            new SelectItem("RUNNING", "Running"), new SelectItem("COMPLETED", "Ready"),
            new SelectItem("FAILED", "Failed"), new SelectItem("NEEDS_REVIEW", "Needs review"));
    private static final List<SelectItem> MODES = List.of(new SelectItem("", "Any mode"),
            new SelectItem("FIRST_FRAME", "Animate an image"),
            new SelectItem("FIRST_FRAME_AUDIO", "Image + driving audio"),
            new SelectItem("FIRST_LAST", "First and last frame"),
            new SelectItem("FIRST_LAST_AUDIO", "First and last frame + audio"),
            new SelectItem("CONTINUE_CLIP", "Continue a clip"),
            new SelectItem("CONTINUE_CLIP_TO_FRAME", "Continue a clip to a last frame"));
    private static final List<SelectItem> SORTS = List.of(new SelectItem("NEWEST", "Newest first"),
            new SelectItem("OLDEST", "Oldest first"), new SelectItem("LONGEST", "Longest first"),
            new SelectItem("SHORTEST", "Shortest first"), new SelectItem("COSTLIEST", "Costliest first"),
            new SelectItem("CHEAPEST", "Cheapest first"));

    private FilterChoices() {
    }

    public static List<SelectItem> states() {
        return STATES;
    }

    public static List<SelectItem> modes() {
        return MODES;
    }

    public static List<SelectItem> sorts() {
        return SORTS;
    }

    /** A day from a URL ("2026-11-30"); null when absent or not a date (a bad filter is ignored, never a 500). */
    public static LocalDate day(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code path?name=value&…} with the blank parameters left out, in the map's order. */
    public static String url(String path, Map<String, String> params) {
        String query = params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return path + (query.isEmpty() ? "" : "?" + query);
    }
}
