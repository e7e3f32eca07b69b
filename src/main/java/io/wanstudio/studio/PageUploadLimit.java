package io.wanstudio.studio;

import io.wanstudio.provider.NovitaInputRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a page post declaring more bytes than one wizard upload may have (the largest medium, a clip, plus
 * framing), before any of it is read: the container would otherwise spool the whole body to disk before the
 * field's own limit could look at it. The page checks sizes before sending; this is for what gets past it.
 */
@WebFilter(filterName = "PageUploadLimit", servletNames = "Faces Servlet")
public class PageUploadLimit extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final long MAX_REQUEST_BYTES = NovitaInputRules.CLIP_MAX_BYTES + 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() <= MAX_REQUEST_BYTES) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(413);
        response.setHeader("Connection", "close"); // the rest of the body is not wanted
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("The file is larger than any input may be (at most "
                + NovitaInputRules.CLIP_MAX_BYTES / (1024 * 1024) + " MB, for a clip).");
    }
}
