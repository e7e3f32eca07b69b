package io.wanstudio.simulator;

import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Signed, expiring links to result videos, like an object store's pre-signed URLs: {@code expires} (epoch
 * seconds) and {@code signature} (hex HMAC-SHA256 of the task id and the expiry). The secret is random and kept
 * in the data folder, so that links stay valid when a simulator running alone restarts.
 */
@ApplicationScoped
public class SignedLinks {
    static final String SECRET_FILE = "link-secret";
    private static final String HMAC = "HmacSHA256";

    /** What checking a link found. */
    public enum Verdict {
        VALID, EXPIRED, BAD_SIGNATURE
    }

    @Inject
    DataDirectory dataDirectory;

    private byte[] secret;

    /** For CDI. */
    protected SignedLinks() {
    }

    SignedLinks(byte[] secret) {
        this.secret = secret.clone();
    }

    @PostConstruct
    void init() {
        secret = loadOrCreateSecret(dataDirectory.folder("simulator").resolve(SECRET_FILE));
    }

    /** The query string ({@code expires=…&signature=…}) of a link to a task's video. */
    public String query(String taskId, long expiresEpochSeconds) {
        return "expires=" + expiresEpochSeconds + "&signature=" + signature(taskId, expiresEpochSeconds);
    }

    public String signature(String taskId, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] digest = mac.doFinal((taskId + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks a link's parameters as given (possibly missing or garbage). The signature is checked first, so a
     * link whose expiry was edited reads as tampered, not as expired.
     */
    public Verdict check(String taskId, String expires, String signature, Instant now) {
        if (taskId == null || expires == null || signature == null) {
            return Verdict.BAD_SIGNATURE;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Verdict.BAD_SIGNATURE;
        }
        byte[] expected = signature(taskId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.BAD_SIGNATURE;
        }
        return now.getEpochSecond() < expiresAt ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** Reads the secret, or creates it (owner-only where the file system allows) when this is the first start. */
    static byte[] loadOrCreateSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path temp = Files.createTempFile(file.getParent(), SECRET_FILE, ".tmp");
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
            throw new IllegalStateException("Cannot read or create the simulator's link secret " + file, e);
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
