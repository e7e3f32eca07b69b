package io.wanstudio.media;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where media live beyond this instance's disk, and how the provider reads them. Keys are paths relative to the
 * media folder ({@code inputs/<name>}, {@code results/<owner>/<task>/video.mp4}); the local copy under that folder
 * is always written first. Local disk: nothing more to do, and the provider gets a signed link under the studio's
 * public base URL. S3-compatible store: the file is copied to the bucket, the provider gets a presigned GET URL,
 * and another instance can fetch what this one stored.
 */
public interface MediaStorage {
    /** True when stored media are shared by every instance (a copy missing here can be fetched). */
    boolean shared();

    /** Makes the local file durable under {@code key}. */
    void put(String key, Path file, String contentType) throws IOException;

    /** Copies the stored object to {@code target} (only when {@link #shared()}); false when there is none. */
    boolean copyTo(String key, Path target) throws IOException;

    /** A link the provider may GET the object by, working for {@code lifetime} and not after. */
    URI providerLink(String key, Duration lifetime);

    /** Forgets the object; a missing one is no error. */
    void delete(String key);
}
