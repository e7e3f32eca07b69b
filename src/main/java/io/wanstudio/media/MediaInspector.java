package io.wanstudio.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/** Inspects media files by content (format, size in pixels, duration, transparency). */
public final class MediaInspector {
    static final String UNSUPPORTED =
            "This is not a supported image, video or audio file (JPEG, PNG, BMP, WEBP, MP4, MOV, WAV, MP3).";
    static final String DAMAGED = "The image is damaged or incomplete (it could not be decoded).";

    /** Top-level box types an ISO/QuickTime file may start with; old QuickTime files have no 'ftyp'. */
    private static final Set<String> ISO_FIRST_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot");

    private MediaInspector() {
    }

    /** Inspects the file; throws with a user-facing message when it is not a readable image, video or audio. */
    public static MediaInfo inspect(Path file) throws UnsupportedMediaException {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
            size = Files.size(file);
        } catch (IOException e) {
            throw new UnsupportedMediaException("The file could not be read.", e);
        }
        // The magic bytes only pick the library that reads the file; that library then has the final word.
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return ImageProbe.inspect(file, "jpeg", size);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return ImageProbe.inspect(file, "png", size);
        }
        if (startsWith(head, 0, 'B', 'M')) {
            return ImageProbe.inspect(file, "bmp", size);
        }
        if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 12).equals("WEBP")) {
            return ImageProbe.inspect(file, "webp", size);
        }
        if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 12).equals("WAVE")) {
            return AudioProbe.inspect(file, "wav", size);
        }
        if (ascii(head, 0, 3).equals("ID3") || isMpegFrameSync(head)) {
            return AudioProbe.inspect(file, "mp3", size);
        }
        if (ISO_FIRST_BOXES.contains(ascii(head, 4, 8))) {
            return VideoProbe.inspect(file, size);
        }
        throw new UnsupportedMediaException(UNSUPPORTED);
    }

    /** An MP3 without an ID3 tag starts with an MPEG audio frame: 11 set sync bits, then a layer that is not 00. */
    private static boolean isMpegFrameSync(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0;
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int from, int to) {
        return head.length < to ? "" : new String(Arrays.copyOfRange(head, from, to), StandardCharsets.ISO_8859_1);
    }
}
