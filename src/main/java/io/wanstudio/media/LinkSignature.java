package io.wanstudio.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links, like an object store's pre-signed URLs: {@code expires} (epoch seconds) and
 * {@code signature} (hex HMAC-SHA256 of the signed subject and the expiry). The secret is random and kept in a
 * file, so that links stay valid across restarts; it never leaves the server.
 */
public final class LinkSignature {
    private static final String HMAC = "HmacSHA256";

    /** What checking a link found. */
    public enum Verdict {
        VALID, EXPIRED, BAD_SIGNATURE
    }

    private final byte[] secret;

    public LinkSignature(byte[] secret) {
        this.secret = secret.clone();
    }

    /** Signs with the secret kept in {@code file}, created on first use. */
    public static LinkSignature withSecretIn(Path file) {
        return new LinkSignature(loadOrCreateSecret(file));
    }

    /** The query string ({@code expires=…&signature=…}) of a link to {@code subject}. */
    public String query(String subject, long expiresEpochSeconds) {
        return "expires=" + expiresEpochSeconds + "&signature=" + signature(subject, expiresEpochSeconds);
    }

    public String signature(String subject, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] digest = mac.doFinal((subject + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks a link's parameters as given (possibly missing or garbage). The signature is checked first, so a
     * link whose expiry was edited reads as tampered, not as expired.
     */
    public Verdict check(String subject, String expires, String signature, Instant now) {
        if (subject == null || expires == null || signature == null) {
            return Verdict.BAD_SIGNATURE;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Verdict.BAD_SIGNATURE;
        }
        byte[] expected = signature(subject, expiresAt).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.BAD_SIGNATURE;
        }
        return now.getEpochSecond() < expiresAt ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** Reads the secret, or creates it (owner-only where the file system allows) when this is the first start. */
    private static byte[] loadOrCreateSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
            try {
                restrictToOwner(temp);
                Files.writeString(temp, HexFormat.of().formatHex(secret), StandardCharsets.US_ASCII);
                // A rename, without REPLACE_EXISTING: should another process have created it meanwhile, its wins
                Files.move(temp, file);
                return secret;
            } catch (FileAlreadyExistsException e) {
                return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read or create the link secret " + file, e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data folder's own protection has to do
        }
    }
}
