package io.wanstudio.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The form of personal API tokens: {@code wan_} and 32 random bytes in base64url (256 bits; a fast hash is enough
 * for secrets this long, so the API pays no PBKDF2 per request). The prefix shown to the owner is the first
 * {@value #PREFIX_LENGTH} characters: too short to help a guesser.
 */
public final class ApiTokens {
    public static final String MARK = "wan_";
    static final int PREFIX_LENGTH = 12;
    private static final int RANDOM_BYTES = 32;
    /** Length of a token: the mark and 43 base64url characters. */
    static final int LENGTH = MARK.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the text has a token's shape; anything else is refused before any lookup. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.length() == LENGTH && text.startsWith(MARK)
                && text.substring(MARK.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                        || c == '-' || c == '_');
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String prefix(String token) {
        return token.substring(0, PREFIX_LENGTH);
    }
}
