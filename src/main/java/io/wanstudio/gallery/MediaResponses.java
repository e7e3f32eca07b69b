package io.wanstudio.gallery;

import io.wanstudio.platform.http.RangeStreaming;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link RangeStreaming}'s answer as a JAX-RS response, for the JSON API's video and poster addresses. */
public final class MediaResponses {
    private static final Logger LOG = Logger.getLogger(MediaResponses.class.getName());

    private MediaResponses() {
    }

    public static Response of(Path file, TaskMedia.Kind kind, RangeStreaming.Conditions conditions)
            throws IOException {
        return of(file, kind, conditions, null);
    }

    /** The same, saved under {@code downloadName} ({@link DownloadNames}) when it is not null. */
    public static Response of(Path file, TaskMedia.Kind kind, RangeStreaming.Conditions conditions,
            String downloadName) throws IOException {
        var answer = RangeStreaming.answer(file, kind.contentType(), conditions);
        var response = Response.status(answer.status());
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.type(value); // as a plain header it would lose to the content negotiation
            } else {
                response.header(name, value);
            }
        });
        response.header("Cache-Control", MediaServlet.CACHE_CONTROL);
        if (downloadName != null) {
            response.header("Content-Disposition", DownloadNames.attachment(downloadName));
        }
        if (answer.hasBody()) {
            response.entity((StreamingOutput) out -> copyQuietly(file, answer, out));
        }
        return response.build();
    }

    private static void copyQuietly(Path file, RangeStreaming.Answer answer, OutputStream out) {
        try {
            RangeStreaming.copy(file, answer, out);
        } catch (IOException e) {
            // Players drop connections when they seek or stop; the status and headers are already sent.
            LOG.log(Level.FINE, "Media download ended early", e);
        }
    }
}
