package io.wanstudio.media;

import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Files users upload as task inputs. Each is streamed to disk under a size limit, inspected by content and
 * checked against its field's rules before it is kept: a refused file leaves nothing behind. The provider reads
 * a kept file through an unguessable, expiring, read-only link ({@link #providerLink}).
 */
@ApplicationScoped
public class UploadStore {
    /** Path prefix of the links served by {@link UploadLinkServlet}. */
    public static final String LINK_PATH = "/media/inputs/";
    /** Longest URL imported (and recorded as the upload's source). */
    public static final int MAX_URL_CHARS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataDirectory dataDirectory;

    @Inject
    MediaStorage storage;

    @Inject
    InputFetcher fetcher;

    /** This bean through its proxy, so that a call to one of its own methods gets that method's transaction. */
    @Inject
    UploadStore self;

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "wan.upload-link-ttl-seconds", defaultValue = "3600")
    long linkTtlSeconds;

    Clock clock = Clock.systemUTC();
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(UploadStore.class.getName());

    private Path folder;

    @PostConstruct
    void init() {
        folder = dataDirectory.folder("media").resolve("inputs");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + folder, e);
        }
    }

    /**
     * Removes what uploads in progress left when a process was killed (SIGKILL, power loss: no {@code finally}
     * ran): the staged copies and partial files, the only dot-files of the inputs folder. Called once at start,
     * before requests are served; a data dir's media folder belongs to one process (H2 locks it anyway, and
     * instances behind a proxy share media through the object store, not through one disk).
     */
    public void removeLeftoversOfAKilledProcess() {
        int removed = removeStagingFiles(folder);
        if (removed > 0) {
            LOG.info("Removed " + removed + " partial upload files left by a process that was stopped mid-upload");
        }
    }

    static int removeStagingFiles(Path inputs) {
        int removed = 0;
        try (var staged = Files.newDirectoryStream(inputs, ".*")) {
            for (Path file : staged) {
                if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.log(java.util.logging.Level.WARNING, "Could not remove partial upload files in " + inputs, e);
        }
        return removed;
    }

    /**
     * Keeps an uploaded file after checking it against {@code rules}; throws with a user-facing message otherwise.
     * The user's file name is kept only as a label.
     */
    @Transactional
    public StoredUpload store(String owner, MediaRules rules, String fileName, InputStream content)
            throws UploadRejectedException {
        String token = newToken();
        Path staged = staged(token);
        try {
            BoundedFile.copy(content, staged, rules.maxBytes());
            return keep(owner, rules, token, staged, label(fileName), null);
        } catch (BoundedFile.TooLargeException e) {
            throw new UploadRejectedException(tooLargeMessage(e.limit()));
        } catch (IOException e) {
            throw new UploadRejectedException("The upload could not be read completely; please try again.");
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * Imports the file at {@code url} as an upload of {@code owner}: fetched server-side through the SSRF guard
     * into the same quarantine as an upload, checked the same way, then kept exactly like one (labelled with the
     * URL's last path segment, or its host). A refused URL or file throws with the message the guard, the
     * inspector or the rules give, and leaves neither a file nor a row.
     */
    public StoredUpload storeFromUrl(String owner, MediaRules rules, String url) throws UploadRejectedException {
        String given = url == null ? "" : url.strip();
        if (given.isEmpty()) {
            throw new UploadRejectedException("Give the URL of the file.");
        }
        if (given.length() > MAX_URL_CHARS) {
            throw new UploadRejectedException("The URL is too long (at most " + MAX_URL_CHARS + " characters).");
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new UploadRejectedException("This is not a valid URL.");
        }
        String token = newToken();
        Path staged = staged(token);
        try {
            // Outside any transaction: a slow server must not hold a database connection.
            fetcher.fetchTo(uri, staged, rules.maxBytes());
            return self.keepInTransaction(owner, rules, token, staged, labelOf(uri), given);
        } catch (FetchRefusedException e) {
            throw new UploadRejectedException(e.getMessage());
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * {@link #keep} with a transaction around it, for {@link #storeFromUrl}, which fetched without one; not for
     * other callers. Public only because Payara applies {@code @Transactional} to public methods alone (a
     * package-private or protected one ran without a transaction).
     */
    @Transactional
    public StoredUpload keepInTransaction(String owner, MediaRules rules, String token, Path staged, String label,
            String sourceUrl) throws UploadRejectedException {
        return keep(owner, rules, token, staged, label, sourceUrl);
    }

    /** Inspects a staged file, checks it against the rules, moves it into place and records it. */
    private StoredUpload keep(String owner, MediaRules rules, String token, Path staged, String label,
            String sourceUrl) throws UploadRejectedException {
        try {
            if (Files.size(staged) == 0) {
                throw new UploadRejectedException("The file is empty.");
            }
            MediaInfo info = MediaInspector.inspect(staged);
            Optional<String> broken = rules.problemWith(info);
            if (broken.isPresent()) {
                throw new UploadRejectedException(broken.get());
            }
            var upload = new StoredUpload(owner, token, label, info, clock.instant(), sourceUrl);
            Path kept = folder.resolve(upload.storedName());
            Files.move(staged, kept, StandardCopyOption.ATOMIC_MOVE);
            try {
                storage.put(storageKey(upload), kept, upload.getContentType());
            } catch (IOException e) {
                deleteQuietly(kept);
                throw new UploadRejectedException("The file could not be stored; please try again later.");
            }
            em.persist(upload);
            return upload;
        } catch (UnsupportedMediaException e) {
            throw new UploadRejectedException(e.getMessage());
        } catch (IOException e) {
            throw new UploadRejectedException("The upload could not be read completely; please try again.");
        }
    }

    /** What a user is told when a file is over a field's limit (cut off there while streaming). */
    public static String tooLargeMessage(long limit) {
        return "The file is larger than the " + BoundedFile.TooLargeException.describe(limit)
                + " allowed for this field.";
    }

    /** Forgets an upload that nothing will use (its request was refused, or abandoned): row, file and thumbnail go. */
    @Transactional
    public void discard(String owner, String token) {
        find(owner, token).ifPresent(upload -> {
            em.remove(upload);
            storage.delete(storageKey(upload));
            deleteQuietly(folder.resolve(upload.storedName()));
            deleteQuietly(thumbnailFile(upload));
        });
    }

    /** Uploads kept since before {@code cutoff}, by id after {@code afterId}, at most {@code max}. */
    public List<StoredUpload> olderThan(Instant cutoff, long afterId, int max) {
        return em.createQuery("SELECT u FROM StoredUpload u WHERE u.createdAt < :cutoff AND u.id > :after "
                + "ORDER BY u.id", StoredUpload.class).setParameter("cutoff", cutoff).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /** The owner's upload with this token (another user's token finds nothing). */
    public Optional<StoredUpload> find(String owner, String token) {
        return em.createNamedQuery(StoredUpload.BY_TOKEN_AND_OWNER, StoredUpload.class)
                .setParameter("token", token).setParameter("owner", owner)
                .getResultStream().findFirst();
    }

    /**
     * Any user's upload by token, for an admin looking at another user's task: the caller checks the admin role
     * (as stored now) first.
     */
    public Optional<StoredUpload> findAnyOwner(String token) {
        return findForLink(token);
    }

    /** Any upload by token: only for the signed-link servlet, which has checked the signature first. */
    Optional<StoredUpload> findForLink(String token) {
        return em.createNamedQuery(StoredUpload.BY_TOKEN, StoredUpload.class).setParameter("token", token)
                .getResultStream().findFirst();
    }

    /**
     * The upload's local file; on an instance that has none (another one took the upload), fetched from the shared
     * storage first.
     */
    public Path file(StoredUpload upload) {
        Path file = folder.resolve(upload.storedName());
        if (!Files.isRegularFile(file) && storage.shared()) {
            try {
                storage.copyTo(storageKey(upload), file);
            } catch (IOException e) {
                // the caller finds no file and answers as for a missing one
            }
        }
        return file;
    }

    /**
     * Where the upload's preview image is kept once made ({@link UploadPreviews}): beside the file, so it goes
     * with it. Its name is no stored name (the token is followed by ".thumb"), so no signed link ever serves it.
     */
    Path thumbnailFile(StoredUpload upload) {
        return folder.resolve(upload.getToken() + ".thumb.jpg");
    }

    /**
     * An unguessable, expiring, read-only link to the file, for the provider to fetch: signed under the public base
     * URL, or presigned by the object store.
     */
    public URI providerLink(StoredUpload upload) {
        return storage.providerLink(storageKey(upload), Duration.ofSeconds(linkTtlSeconds));
    }

    /** The upload's key in the media storage: its path under the media folder (see {@link #init}). */
    private static String storageKey(StoredUpload upload) {
        return "inputs/" + upload.storedName();
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hidden and not yet a stored name (those end in the format, known only after inspection): never served. */
    private Path staged(String token) {
        return folder.resolve("." + token + ".upload");
    }

    /** The label of an imported file: the URL's last path segment, decoded, or its host when it has none. */
    static String labelOf(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String segment = path.substring(path.lastIndexOf('/') + 1);
        if (!segment.isBlank()) {
            return label(segment);
        }
        String host = url.getHost() != null ? url.getHost() : url.getRawAuthority();
        return label(host);
    }

    private static String label(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String normalized = fileName.replace('\\', '/');
        String base = normalized.substring(normalized.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover .part file is swept with the temp files; nothing refers to it
            }
        }
    }
}
