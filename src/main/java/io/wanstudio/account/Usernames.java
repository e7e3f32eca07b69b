package io.wanstudio.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames are lower case letters, digits, dot, dash and underscore, 3 to 40 characters. They are matched
 * case-insensitively by storing them lower case; they also name the owner of tasks and of media folders, so
 * nothing else is allowed.
 */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");

    private Usernames() {
    }

    /** The stored form of a name as typed: trimmed, lower case. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalized) {
        return normalized != null && VALID.matcher(normalized).matches();
    }

    public static Optional<String> problem(String typed) {
        return isValid(normalize(typed)) ? Optional.empty() : Optional.of(
                "Use 3 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
    }
}
