package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.platform.http.RangeStreaming;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code /media/tasks/{id}/video} and {@code /media/tasks/{id}/poster} to the pages: the owner's files
 * only, with byte ranges so that the {@code <video>} element can seek; {@code ?download=1} on the video saves it
 * under a {@linkplain DownloadNames meaningful name}. Anything else under this path is 404.
 */
@WebServlet(urlPatterns = MediaServlet.PATH + "*")
public class MediaServlet extends HttpServlet {
    public static final String PATH = "/media/tasks/";
    /** Results never change once a task completed; "private" keeps shared caches from storing them. */
    public static final String CACHE_CONTROL = "private, max-age=3600";

    private static final long serialVersionUID = 1L;
    private static final Pattern TASK_FILE = Pattern.compile("/(\\d{1,18})/(video|poster)");

    @Inject
    transient CurrentUser currentUser;

    @Inject
    transient TaskMedia media;

    @Inject
    transient GalleryService gallery;

    /** GET, and HEAD through HttpServlet's default (which calls this; no bytes are copied for it). */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = TASK_FILE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        TaskMedia.Kind kind = TaskMedia.Kind.ofPathSegment(path.group(2)).orElseThrow();
        long id = Long.parseLong(path.group(1));
        // the owner's; and any user's for an admin (the team history and review open every task)
        Optional<GenerationTask> task = media.completed(currentUser.name(), id).or(() -> currentUser.isAdmin()
                ? gallery.findForAdmin(currentUser.name(), id) : Optional.empty());
        Optional<Path> file = task.flatMap(t -> media.file(t, kind));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", CACHE_CONTROL);
        if (kind == TaskMedia.Kind.VIDEO && "1".equals(request.getParameter("download"))) {
            response.setHeader("Content-Disposition", DownloadNames.attachment(DownloadNames.of(task.get())));
        }
        RangeStreaming.serve(request, response, file.get(), kind.contentType());
    }
}
