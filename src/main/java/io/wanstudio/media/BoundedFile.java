package io.wanstudio.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way bytes from outside (uploads, fetched inputs, result videos) land on disk: streamed, never held in
 * memory, into a temporary sibling of the target; at most a given number of bytes, counted as they arrive;
 * SHA-256 computed on the way; moved into place only when complete. A refused or broken copy leaves nothing.
 */
public final class BoundedFile {
    private static final int BUFFER_BYTES = 64 * 1024;

    private BoundedFile() {
    }

    /** What landed: its size and its SHA-256 in lower-case hex. */
    public record Written(long bytes, String sha256) {
    }

    /** The stream had more than the allowed bytes; nothing was kept. */
    public static final class TooLargeException extends Exception {
        private final long limit;

        TooLargeException(long limit) {
            super("More than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }

        /** The limit as people read it: "20 MB" for whole mebibytes, else the bytes. */
        public static String describe(long limit) {
            long mebibyte = 1024L * 1024;
            return limit >= mebibyte && limit % mebibyte == 0 ? limit / mebibyte + " MB" : limit + " bytes";
        }
    }

    /**
     * Copies {@code in} to {@code target} (replacing it), refusing past {@code maxBytes}. The stream is read, not
     * closed: its owner decides how to end it (a network stream may be better dropped than drained).
     *
     * @throws TooLargeException the stream had more than {@code maxBytes}; neither the target nor a part is left
     * @throws IOException       reading or writing failed; neither is left either (an earlier target stays)
     */
    public static Written copy(InputStream in, Path target, long maxBytes) throws IOException, TooLargeException {
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".incoming-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long total = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Written(total, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
