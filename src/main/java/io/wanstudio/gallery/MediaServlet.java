package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.platform.http.RangeStreaming;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code /media/tasks/{id}/video} and {@code /media/tasks/{id}/poster} to the pages: the owner's files
 * only, with byte ranges so that the {@code <video>} element can seek. Anything else under this path is 404.
 */
@WebServlet(urlPatterns = MediaServlet.PATH + "*")
public class MediaServlet extends HttpServlet {
    public static final String PATH = "/media/tasks/";
    /** Results never change once a task completed; "private" keeps shared caches from storing them. */
    public static final String CACHE_CONTROL = "private, max-age=3600";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MediaServlet.class.getName());
    private static final Pattern TASK_FILE = Pattern.compile("/(\\d{1,18})/(video|poster)");

    @Inject
    transient CurrentUser currentUser;

    @Inject
    transient TaskMedia media;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        Matcher path = TASK_FILE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        TaskMedia.Kind kind = TaskMedia.Kind.ofPathSegment(path.group(2)).orElseThrow();
        Optional<Path> file = media.file(currentUser.name(), Long.parseLong(path.group(1)), kind);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var answer = RangeStreaming.answer(file.get(), kind.contentType(), new RangeStreaming.Conditions(
                request.getHeader("Range"), request.getHeader("If-Range"), request.getHeader("If-None-Match")));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        if (withBody && answer.hasBody()) {
            try {
                RangeStreaming.copy(file.get(), answer, response.getOutputStream());
            } catch (IOException e) {
                // Browsers drop media connections all the time (seeking, pausing): not worth more than a trace.
                LOG.log(Level.FINE, "Media download ended early", e);
            }
        }
    }
}
