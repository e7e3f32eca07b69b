package io.wanstudio.account;

import java.util.Locale;
import java.util.Optional;

/**
 * The minimum a password must meet, with a sentence saying what is missing. Length is what matters most
 * (NIST SP 800-63B): at least {@value #MIN_LENGTH} characters, no composition rules. The upper bound keeps a
 * single sign-in from costing an unbounded hash.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    /** Empty when the password is acceptable for this user, else the reason. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters (a few unrelated words work well).");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            return Optional.of("A password cannot be only spaces.");
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of("Use more than one repeated character.");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not contain the username.");
        }
        return Optional.empty();
    }
}
