package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationTask;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code GET /media/zip?id=1&id=2...}: the signed-in user's finished videos as one zip, each under its
 * {@linkplain DownloadNames download name}. Ids of other users' tasks, unknown ones and unfinished ones are
 * skipped, as if not asked for. The zip is written to the response as the files are read: no temporary copy,
 * nothing held in memory beyond a buffer. Videos are already compressed, so entries are deflated at level 0
 * (a zip entry written while streaming cannot be STORED: that needs its CRC before its bytes).
 */
@WebServlet(urlPatterns = ZipDownloadServlet.PATH)
public class ZipDownloadServlet extends HttpServlet {
    public static final String PATH = "/media/zip";
    public static final int MAX_VIDEOS = 100;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ZipDownloadServlet.class.getName());

    @Inject
    transient CurrentUser currentUser;

    @Inject
    transient TaskMedia media;

    private final transient Clock clock = Clock.systemUTC();

    private record Video(GenerationTask task, Path file) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] values = request.getParameterValues("id");
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values == null ? new String[0] : values) {
            try {
                ids.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                plain(response, HttpServletResponse.SC_BAD_REQUEST, "Each id must be a task number.");
                return;
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_VIDEOS) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "Choose 1 to " + MAX_VIDEOS + " videos.");
            return;
        }
        List<Video> videos = new ArrayList<>();
        for (long id : ids) {
            Optional<GenerationTask> task = media.completed(currentUser.name(), id);
            task.flatMap(t -> media.file(t, TaskMedia.Kind.VIDEO)).ifPresent(file -> videos.add(
                    new Video(task.get(), file)));
        }
        if (videos.isEmpty()) {
            plain(response, HttpServletResponse.SC_NOT_FOUND, "None of these is a finished video of yours.");
            return;
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\""
                + DownloadNames.zip(clock.instant(), videos.size()) + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (var zip = new ZipOutputStream(new BufferedOutputStream(response.getOutputStream(), 1 << 16),
                StandardCharsets.UTF_8)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (Video video : videos) {
                var entry = new ZipEntry(DownloadNames.of(video.task()));
                entry.setLastModifiedTime(FileTime.from(video.task().getFinishedAt() != null
                        ? video.task().getFinishedAt() : video.task().getCreatedAt()));
                zip.putNextEntry(entry);
                Files.copy(video.file(), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            // the browser cancelled the download: the status and part of the zip are already sent
            LOG.log(Level.FINE, "Zip download ended early", e);
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(message);
    }
}
