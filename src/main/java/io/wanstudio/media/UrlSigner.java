package io.wanstudio.media;

import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs expiring, read-only links (HMAC-SHA256 over path and expiry). The secret is random, made once and kept
 * in the data directory, so links survive a restart; it never leaves the server.
 */
@ApplicationScoped
public class UrlSigner {
    @Inject
    DataDirectory dataDirectory;

    private byte[] secret;

    @PostConstruct
    void loadSecret() {
        secret = loadOrCreateSecret(dataDirectory.folder("keys").resolve("link-signing.key"));
    }

    /** The query string ({@code expires=…&signature=…}) that makes {@code path} readable until {@code expires}. */
    public String sign(String path, Instant expires) {
        long epoch = expires.getEpochSecond();
        return "expires=" + epoch + "&signature=" + signature(path, epoch);
    }

    /** True when the signature matches and the link has not expired. */
    public boolean verify(String path, String expires, String signature, Instant now) {
        if (expires == null || signature == null) {
            return false;
        }
        long epoch;
        try {
            epoch = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean authentic = MessageDigest.isEqual(signature(path, epoch).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return authentic && now.getEpochSecond() <= epoch;
    }

    private String signature(String path, long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((path + "\n" + epoch).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Reads the secret at {@code file}, creating it (owner-only, atomically) on first use. */
    public static byte[] loadOrCreateSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
                Files.write(tmp, fresh, StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.move(tmp, file); // fails if another instance won the race: then use theirs
                } catch (IOException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key " + file, e);
        }
    }
}
