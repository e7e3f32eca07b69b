package io.wanstudio.media;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * Serves an uploaded input to the provider through a signed, expiring link. Read-only, one file per link; an
 * expired, altered or unknown link answers 404 without telling which.
 */
@WebServlet(urlPatterns = UploadStore.LINK_PATH + "*")
public class UploadLinkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient UploadStore uploads;

    @Inject
    transient UrlSigner signer;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String path = UploadStore.LINK_PATH + name;
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !signer.verify(path, request.getParameter("expires"), request.getParameter("signature"),
                Instant.now())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var upload = uploads.findForLink(name.substring(0, dot)).filter(u -> u.storedName().equals(name));
        if (upload.isEmpty() || !Files.isRegularFile(uploads.file(upload.get()))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(upload.get().getContentType());
        response.setContentLengthLong(Files.size(uploads.file(upload.get())));
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Files.copy(uploads.file(upload.get()), response.getOutputStream());
    }
}
