package io.wanstudio.media;

import io.wanstudio.platform.DataDirectory;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.TaskLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Result videos and their posters, kept outside the web root under {@code <data>/media/results}. A video is
 * fetched from the provider's link through the SSRF guard (every redirect checked, size capped while it
 * streams), checksummed on the way, given a poster, and only then moved into place: a half-written result is
 * never visible. The provider's own origin may be local (the built-in simulator answers on the app's own
 * address), so that origin, and only it, is allowed although local.
 */
@ApplicationScoped
public class ResultStore {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(ResultStore.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    DataDirectory dataDirectory;

    @Inject
    ProviderMode mode;

    @Inject
    MediaStorage storage;

    @Inject
    @ConfigProperty(name = "wan.download.timeout-seconds", defaultValue = "300")
    long timeoutSeconds;

    @Inject
    @ConfigProperty(name = "wan.download.max-bytes", defaultValue = "536870912")
    long maxBytes;

    private Path mediaRoot;
    private SafeUrlFetcher fetcher;

    @PostConstruct
    void init() {
        configure(dataDirectory.folder("media"), mode.providerBaseUrl());
    }

    /** Where results go and which provider's origin may be local; split from {@link #init} for tests. */
    void configure(Path mediaRoot, URI providerBaseUrl) {
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
        URI providerOrigin = URI.create(providerBaseUrl.getScheme() + "://" + providerBaseUrl.getRawAuthority());
        fetcher = new SafeUrlFetcher(List.of(providerOrigin), CONNECT_TIMEOUT, Duration.ofSeconds(timeoutSeconds));
    }

    /** What was stored: paths relative to the media root, the SHA-256 and the size of the video. */
    public record StoredResult(String videoPath, String posterPath, String sha256, long bytes) {
    }

    /**
     * Downloads the provider's result for a task.
     *
     * @throws ResultLinkRefusedException the link answered 403/404/410 (expired or revoked): asking again won't help
     * @throws IOException                a passing failure (network, 5xx, a refused redirect, too large): the
     *                                    message says which; the caller may try again while the link lives
     */
    public StoredResult download(URI videoUrl, String owner, long taskId) throws IOException,
            ResultLinkRefusedException {
        Path folder = mediaRoot.resolve("results").resolve(safe(owner)).resolve(Long.toString(taskId));
        Files.createDirectories(folder);
        removeLeftoverParts(folder, taskId);
        Path staged = Files.createTempFile(folder, ".video-", ".part");
        try {
            BoundedFile.Written written;
            try {
                written = fetcher.fetchTo(videoUrl, staged, maxBytes);
            } catch (FetchRefusedException e) {
                int status = e.status().orElse(0);
                if (status == 403 || status == 404 || status == 410) {
                    throw new ResultLinkRefusedException(status);
                }
                throw new IOException(e.getMessage(), e);
            }
            if (written.bytes() == 0) {
                throw new IOException("The result link answered an empty file");
            }
            Path video = folder.resolve("video.mp4");
            Path poster = folder.resolve("poster.jpg");
            PosterExtractor.writePoster(staged, poster);
            Files.move(staged, video, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return share(new StoredResult(relative(video), relative(poster), written.sha256(), written.bytes()));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Removes the partial files of an earlier download of this task that never finished: a process killed while
     * downloading (SIGKILL, power loss) runs no {@code finally}, and its parts would stay for good. Only the process
     * that holds the task's claim downloads into its folder, so no live download owns them.
     */
    private static void removeLeftoverParts(Path folder, long taskId) throws IOException {
        try (var parts = Files.newDirectoryStream(folder, ".*.part")) {
            for (Path part : parts) {
                TaskLog.log(LOG, java.util.logging.Level.INFO, taskId, null, "removing " + part.getFileName()
                        + ", left by a download that was cut off", null);
                Files.deleteIfExists(part);
            }
        }
    }

    /**
     * Keeps a video made here (e.g. a film stitched from a chain) as a result of {@code owner}'s: moved from
     * {@code staged} into a folder of its own with a poster, checksummed. The caller removes it with
     * {@link #discard} if the task that should point to it cannot be saved.
     */
    public StoredResult keepLocal(Path staged, String owner, String name) throws IOException {
        Path folder = mediaRoot.resolve("results").resolve(safe(owner)).resolve(safe(name));
        Files.createDirectories(folder);
        Path video = folder.resolve("video.mp4");
        Path poster = folder.resolve("poster.jpg");
        PosterExtractor.writePoster(staged, poster);
        String sha256;
        try (var in = Files.newInputStream(staged)) {
            var digest = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            sha256 = HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long bytes = Files.size(staged);
        Files.move(staged, video, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return share(new StoredResult(relative(video), relative(poster), sha256, bytes));
    }

    /**
     * Copies a result into the media storage (a no-op on local disk), so that every instance can serve it; until
     * that worked the task does not point at it (the caller's failure path runs, and a download is tried again).
     */
    private StoredResult share(StoredResult result) throws IOException {
        try {
            storage.put(result.videoPath(), resolve(result.videoPath()), "video/mp4");
            storage.put(result.posterPath(), resolve(result.posterPath()), "image/jpeg");
            return result;
        } catch (IOException e) {
            discard(result); // nothing points at it yet: leave no half-shared result behind
            throw e;
        }
    }

    /**
     * The local file of a stored result, fetched from the shared storage first when this instance has no copy
     * (another instance downloaded it). Empty when there is none anywhere.
     */
    public java.util.Optional<Path> localFile(String relativePath) {
        Path file = resolve(relativePath);
        if (Files.isRegularFile(file)) {
            return java.util.Optional.of(file);
        }
        if (!storage.shared()) {
            return java.util.Optional.empty();
        }
        try {
            Files.createDirectories(file.getParent());
            return storage.copyTo(relativePath, file) ? java.util.Optional.of(file) : java.util.Optional.empty();
        } catch (IOException e) {
            LOG.log(java.util.logging.Level.WARNING, "Could not fetch " + relativePath + " from the object store",
                    e);
            return java.util.Optional.empty();
        }
    }

    /** Forgets a result file in the shared storage (the caller deletes the local copy). */
    public void forgetShared(String relativePath) {
        storage.delete(relativePath);
    }

    /** Removes a result kept by {@link #keepLocal} (its video, poster and folder). */
    public void discard(StoredResult result) throws IOException {
        Path video = resolve(result.videoPath());
        storage.delete(result.videoPath());
        storage.delete(result.posterPath());
        Files.deleteIfExists(video);
        Files.deleteIfExists(resolve(result.posterPath()));
        Files.deleteIfExists(video.getParent());
    }

    /** A staging file in the result store (same file system as the results, so a move into place is atomic). */
    public Path stagingFile(String owner) throws IOException {
        Path folder = mediaRoot.resolve("results").resolve(safe(owner));
        Files.createDirectories(folder);
        return Files.createTempFile(folder, ".made-", ".mp4");
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
}
