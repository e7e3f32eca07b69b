package io.wanstudio.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Media on this instance's disk only: the local copy is the stored one, and the provider reads an input through
 * a signed, expiring link under the studio's public base URL ({@link UploadLinkServlet}).
 */
final class LocalMediaStorage implements MediaStorage {
    private final Supplier<String> publicBaseUrl;
    private final UrlSigner signer;
    private final Clock clock;

    LocalMediaStorage(Supplier<String> publicBaseUrl, UrlSigner signer, Clock clock) {
        this.publicBaseUrl = publicBaseUrl;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        // the file under the media folder is the stored one
    }

    @Override
    public boolean copyTo(String key, Path target) {
        return false;
    }

    @Override
    public URI providerLink(String key, Duration lifetime) {
        String path = "/media/" + key;
        return URI.create(publicBaseUrl.get() + path + "?" + signer.sign(path, clock.instant().plus(lifetime)));
    }

    @Override
    public void delete(String key) {
        // the caller removes the local file
    }
}
