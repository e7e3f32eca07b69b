package io.wanstudio.media;

import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Result videos and their posters, kept outside the web root under {@code <data>/media/results}. A video is
 * streamed from the provider's link to disk (never held in memory), checksummed on the way, given a poster,
 * and only then moved into place: a half-written result is never visible.
 */
@ApplicationScoped
public class ResultStore {
    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "wan.download.timeout-seconds", defaultValue = "300")
    long timeoutSeconds;

    private Path mediaRoot;
    private HttpClient http;

    @PostConstruct
    void init() {
        mediaRoot = dataDirectory.folder("media");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** What was stored: paths relative to the media root, the SHA-256 and the size of the video. */
    public record StoredResult(String videoPath, String posterPath, String sha256, long bytes) {
    }

    /**
     * Downloads the provider's result for a task.
     *
     * @throws ResultLinkRefusedException the link answered 403/404/410 (expired or revoked): asking again won't help
     * @throws IOException                a passing failure (network, 5xx): try again while the link lives
     */
    public StoredResult download(URI videoUrl, String owner, long taskId) throws IOException,
            ResultLinkRefusedException {
        Path folder = mediaRoot.resolve("results").resolve(safe(owner)).resolve(Long.toString(taskId));
        Files.createDirectories(folder);
        Path tmpVideo = Files.createTempFile(folder, ".video", ".part");
        Path tmpPoster = Files.createTempFile(folder, ".poster", ".part");
        try {
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(videoUrl).timeout(Duration.ofSeconds(timeoutSeconds))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Download interrupted", e);
            }
            int status = response.statusCode();
            if (status != 200) {
                response.body().close();
                if (status == 403 || status == 404 || status == 410) {
                    throw new ResultLinkRefusedException(status);
                }
                throw new IOException("The result link answered HTTP " + status);
            }
            MessageDigest sha256 = sha256();
            long bytes;
            try (InputStream in = response.body();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(tmpVideo), sha256)) {
                bytes = in.transferTo(out);
            }
            if (bytes == 0) {
                throw new IOException("The result link answered an empty file");
            }
            PosterExtractor.writePoster(tmpVideo, tmpPoster);
            Path video = folder.resolve("video.mp4");
            Path poster = folder.resolve("poster.jpg");
            Files.move(tmpPoster, poster, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpVideo, video, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredResult(relative(video), relative(poster), HexFormat.of().formatHex(sha256.digest()),
                    bytes);
        } finally {
            Files.deleteIfExists(tmpVideo);
            Files.deleteIfExists(tmpPoster);
        }
    }

    /** The file behind a stored relative path; refuses anything that would leave the media root. */
    public Path resolve(String relativePath) {
        Path file = mediaRoot.resolve(relativePath).normalize();
        if (!file.startsWith(mediaRoot)) {
            throw new IllegalArgumentException("Outside the media store: " + relativePath);
        }
        return file;
    }

    private String relative(Path file) {
        return mediaRoot.relativize(file).toString().replace('\\', '/');
    }

    private static String safe(String owner) {
        return owner.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
