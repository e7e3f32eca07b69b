package io.wanstudio.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides how to answer a GET or HEAD for a stored media file: whole (200), a byte range (206), not modified
 * (304) or range not satisfiable (416), with the validators browsers use to resume and seek. The decision is
 * made here once; the page servlet and the JSON API only copy it into their own kind of response.
 */
public final class RangeStreaming {
    private static final Logger LOG = Logger.getLogger(RangeStreaming.class.getName());
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private RangeStreaming() {
    }

    /** The request headers that change the answer; any may be null. */
    public record Conditions(String range, String ifRange, String ifNoneMatch) {
    }

    /**
     * What to send: the status, the headers, and which bytes of the file form the body ({@code length} 0 for
     * none). The caller adds its own {@code Cache-Control}.
     */
    public record Answer(int status, Map<String, String> headers, long first, long length) {
        public boolean hasBody() {
            return length > 0;
        }
    }

    /**
     * Answers a servlet's GET or HEAD for {@code file}: status, headers and, for GET, the bytes. Headers of the
     * caller's own (Cache-Control, ...) are set before. A client that goes away mid-copy (players do, on every
     * seek) is not an error.
     */
    public static void serve(HttpServletRequest request, HttpServletResponse response, Path file, String contentType)
            throws IOException {
        Answer answer = answer(file, contentType, new Conditions(request.getHeader("Range"),
                request.getHeader("If-Range"), request.getHeader("If-None-Match")));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (!"HEAD".equals(request.getMethod()) && answer.hasBody()) {
            try {
                copy(file, answer, response.getOutputStream());
            } catch (IOException e) {
                LOG.log(Level.FINE, "Download of " + file.getFileName() + " ended early", e);
            }
        }
    }

    public static Answer answer(Path file, String contentType, Conditions conditions) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
        String lastModified = HTTP_DATE.format(java.time.Instant.ofEpochMilli(modified));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Ranges", "bytes");
        headers.put("ETag", etag);
        headers.put("Last-Modified", lastModified);
        headers.put("X-Content-Type-Options", "nosniff");
        if (matchesAny(conditions.ifNoneMatch(), etag)) {
            return new Answer(304, headers, 0, 0);
        }
        headers.put("Content-Type", contentType);
        // A range is only valid for the version of the file the client already has part of.
        boolean rangeApplies = conditions.ifRange() == null || conditions.ifRange().strip().equals(etag)
                || conditions.ifRange().strip().equals(lastModified);
        ByteRange range = rangeApplies ? ByteRange.parse(conditions.range(), size) : new ByteRange.Whole();
        if (range instanceof ByteRange.Unsatisfiable) {
            headers.put("Content-Range", "bytes */" + size);
            headers.put("Content-Length", "0");
            return new Answer(416, headers, 0, 0);
        }
        if (range instanceof ByteRange.Part part) {
            headers.put("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
            headers.put("Content-Length", Long.toString(part.length()));
            return new Answer(206, headers, part.first(), part.length());
        }
        headers.put("Content-Length", Long.toString(size));
        return new Answer(200, headers, 0, size);
    }

    /** Copies the answer's bytes of the file to {@code out}, never holding more than a buffer in memory. */
    public static void copy(Path file, Answer answer, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            WritableByteChannel target = Channels.newChannel(out);
            long position = answer.first();
            long end = answer.first() + answer.length();
            while (position < end) {
                long sent = channel.transferTo(position, end - position, target);
                if (sent <= 0) {
                    break; // the file shrank under us; the client sees a short body, not a hang
                }
                position += sent;
            }
            out.flush();
        }
    }

    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
