package io.wanstudio.api;

import io.wanstudio.provider.NovitaInputRules;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses a task submit whose declared size is beyond what its files may add up to, before a byte of it is read:
 * the multipart reader would otherwise spool the whole body (a 2 GB "image", say) to disk before any per-file
 * limit could look at it. Each file is still cut off at its own limit while it is stored.
 */
@WebFilter(filterName = "UploadSizeLimit", urlPatterns = "/api/v1/tasks")
public class UploadSizeLimit extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final long MEBIBYTE = 1024 * 1024;
    /** Every media field at its largest, plus a mebibyte for the text fields and the multipart framing. */
    static final long MAX_REQUEST_BYTES = 2 * NovitaInputRules.IMAGE_MAX_BYTES + NovitaInputRules.CLIP_MAX_BYTES
            + NovitaInputRules.AUDIO_MAX_BYTES + MEBIBYTE;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod()) || declared <= MAX_REQUEST_BYTES) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(413);
        // the rest of the body is not wanted: close instead of reading it to keep the connection
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder()
                .add("error", "request_too_large")
                .add("message", String.format(Locale.ROOT, "The request is %.1f MB; with all its files it may be at "
                        + "most %d MB (first and last frame %d MB each, clip %d MB, driving audio %d MB).",
                        declared / (double) MEBIBYTE, MAX_REQUEST_BYTES / MEBIBYTE,
                        NovitaInputRules.IMAGE_MAX_BYTES / MEBIBYTE, NovitaInputRules.CLIP_MAX_BYTES / MEBIBYTE,
                        NovitaInputRules.AUDIO_MAX_BYTES / MEBIBYTE))
                .build().toString());
    }
}
