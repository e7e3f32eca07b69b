package io.wanstudio.gallery;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule of a tag, in one place: trimmed, lower case, 1 to {@value #MAX_LENGTH} characters of letters (any
 * script), digits, spaces, "-" and "_". Lower case so that "Sunset" and "sunset" are one tag in the filter list.
 */
public final class Tags {
    public static final int MAX_LENGTH = 40;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} _-]+");

    private Tags() {
    }

    /** A tag that breaks the rule, with a message that says which part. */
    public static class InvalidTagException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTagException(String message) {
            super(message);
        }
    }

    /**
     * The tag as stored: trimmed and in lower case, inner runs of spaces made one.
     *
     * @throws InvalidTagException empty, too long, or with a character other than letters, digits, space, - and _
     */
    public static String normalise(String raw) throws InvalidTagException {
        String tag = raw == null ? "" : raw.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (tag.isEmpty()) {
            throw new InvalidTagException("Give the tag a name.");
        }
        if (tag.codePointCount(0, tag.length()) > MAX_LENGTH) {
            throw new InvalidTagException("A tag has at most " + MAX_LENGTH + " characters; this one has "
                    + tag.codePointCount(0, tag.length()) + ".");
        }
        if (!ALLOWED.matcher(tag).matches()) {
            throw new InvalidTagException("A tag may contain letters, digits, spaces, \"-\" and \"_\" only.");
        }
        return tag;
    }
}
