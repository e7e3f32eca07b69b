package io.wanstudio.gallery;

import io.wanstudio.platform.http.RangeStreaming;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public side of share links, open without signing in (web.xml lists {@code /s/*}): {@code /s/<token>} is a
 * page with the video, its prompt and its date, and nothing else (no way into the studio, no owner's name);
 * {@code /s/<token>/video} and {@code /s/<token>/poster} stream the two files with byte ranges. An expired or
 * revoked link answers 410, an unknown one 404. Nothing here is cached or indexed, and no page this one leads to
 * learns the link from a Referer.
 */
@WebServlet(urlPatterns = ShareServlet.PATH + "*")
public class ShareServlet extends HttpServlet {
    public static final String PATH = "/s/";
    private static final long serialVersionUID = 1L;
    private static final Pattern SHARED = Pattern.compile("/([A-Za-z0-9_-]{43})(?:/(video|poster))?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Inject
    transient ShareService shares;

    @Inject
    transient TaskMedia media;

    /** GET, and HEAD through HttpServlet's default. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // a link is a secret: no cache keeps it, no search engine lists it, no Referer carries it elsewhere
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Robots-Tag", "noindex");
        response.setHeader("Referrer-Policy", "no-referrer");
        Matcher path = SHARED.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<ShareService.SharedVideo> shared = path.matches() ? shares.open(path.group(1)) : Optional.empty();
        if (shared.isEmpty()) {
            page(response, HttpServletResponse.SC_NOT_FOUND, request.getContextPath(), "This link does not exist",
                    "<p>Check that the whole link was copied.</p>");
            return;
        }
        switch (shared.get().status()) {
            case EXPIRED -> page(response, HttpServletResponse.SC_GONE, request.getContextPath(),
                    "This link has expired", "<p>Ask the person who shared it for a new one.</p>");
            case REVOKED -> page(response, HttpServletResponse.SC_GONE, request.getContextPath(),
                    "This link was revoked", "<p>The person who shared it has withdrawn it.</p>");
            case ACTIVE -> {
                if (path.group(2) == null) {
                    videoPage(request, response, path.group(1), shared.get());
                } else {
                    file(request, response, shared.get(), TaskMedia.Kind.ofPathSegment(path.group(2)).orElseThrow());
                }
            }
        }
    }

    private void file(HttpServletRequest request, HttpServletResponse response, ShareService.SharedVideo shared,
            TaskMedia.Kind kind) throws IOException {
        Optional<Path> file = media.file(shared.task(), kind);
        if (file.isEmpty()) {
            page(response, HttpServletResponse.SC_NOT_FOUND, request.getContextPath(), "This video is missing",
                    "<p>Its file is no longer kept.</p>");
            return;
        }
        RangeStreaming.serve(request, response, file.get(), kind.contentType());
    }

    private static void videoPage(HttpServletRequest request, HttpServletResponse response, String token,
            ShareService.SharedVideo shared) throws IOException {
        String base = escape(request.getContextPath() + PATH + token);
        String prompt = shared.task().getPrompt() == null ? "" : shared.task().getPrompt();
        var made = shared.task().getCreatedAt();
        page(response, HttpServletResponse.SC_OK, request.getContextPath(), "A video made with Wan Studio",
                "<figure><video controls playsinline preload=\"metadata\" poster=\"" + base + "/poster\" src=\""
                        + base + "/video\" aria-label=\"The shared video\"></video>"
                        + (prompt.isBlank() ? "" : "<figcaption>" + escape(prompt) + "</figcaption>")
                        + "</figure><p class=\"made\">Made on <time datetime=\"" + made + "\">" + DAY.format(made)
                        + "</time></p>");
    }

    /** A small standalone page (the stylesheet is a file: the Content-Security-Policy refuses inline styles). */
    private static void page(HttpServletResponse response, int status, String contextPath, String title,
            String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(contextPath) + "/resources/css/share.css\"></head>"
                + "<body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>");
    }

    /** Text into HTML content or a quoted attribute. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
