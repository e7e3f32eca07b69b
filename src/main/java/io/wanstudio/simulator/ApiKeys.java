package io.wanstudio.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API key of a request. Novita's own JS SDK sends whatever it is given as the Authorization value, so both
 * {@code Bearer <key>} and the bare key are accepted.
 */
final class ApiKeys {
    private static final String BEARER = "bearer ";

    private ApiKeys() {
    }

    /** The key in an Authorization header, or empty when there is none. */
    static Optional<String> fromHeader(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            value = value.substring(BEARER.length()).strip();
        } else if (value.equalsIgnoreCase("bearer")) {
            value = "";
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Any key is accepted unless {@code wan.simulator.accepted-keys} names the accepted ones. */
    static boolean accepted(String key, Set<String> acceptedKeys) {
        return acceptedKeys.isEmpty() || acceptedKeys.contains(key);
    }

    /** Tasks belong to the key that created them (as at Novita, to its account); kept as a hash, not the key. */
    static String owner(String key) {
        return sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
