package io.wanstudio.studio;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.TaskReview;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadPreviews;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.http.RangeStreaming;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code /media/uploads/{token}} (the upload itself, with byte ranges so audio and video can seek) and
 * {@code /media/uploads/{token}/thumbnail} (a JPEG preview of an image or clip) to the create wizard: the owner's
 * uploads only, and any user's to an admin (the task page shows every task's inputs). Another user's token, an
 * unknown one, audio's thumbnail and anything else here are 404 alike.
 */
@WebServlet(urlPatterns = UploadPreviewServlet.PATH + "*")
public class UploadPreviewServlet extends HttpServlet {
    public static final String PATH = "/media/uploads/";
    /** An upload never changes under its token; "private" keeps shared caches from storing it. */
    static final String CACHE_CONTROL = "private, max-age=3600";

    private static final long serialVersionUID = 1L;
    private static final Pattern UPLOAD_FILE = Pattern.compile("/([A-Za-z0-9_-]{1,64})(/thumbnail)?");

    @Inject
    transient CurrentUser currentUser;

    @Inject
    transient UploadStore uploads;

    @Inject
    transient UploadPreviews previews;

    @Inject
    transient TaskReview review;

    /** GET, and HEAD through HttpServlet's default (which calls this; no bytes are copied for it). */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = UPLOAD_FILE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String caller = currentUser.name();
        // the owner's; and any user's for an admin (as stored now), who opens every task's page with its inputs
        Optional<StoredUpload> upload = uploads.find(caller, path.group(1)).or(() -> currentUser.isAdmin()
                && review.isAdmin(caller) ? uploads.findAnyOwner(path.group(1)) : Optional.empty());
        boolean thumbnail = path.group(2) != null;
        Optional<Path> file = thumbnail ? upload.flatMap(previews::thumbnail)
                : upload.map(uploads::file).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String contentType = thumbnail ? "image/jpeg" : upload.get().getContentType();
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "inline");
        RangeStreaming.serve(request, response, file.get(), contentType);
    }
}
