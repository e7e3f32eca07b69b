package io.wanstudio.media;

import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Signs the app's own expiring, read-only links (the signed subject is the link's path). */
@ApplicationScoped
public class UrlSigner {
    @Inject
    DataDirectory dataDirectory;

    private LinkSignature signature;

    @PostConstruct
    void loadSecret() {
        signature = LinkSignature.withSecretIn(dataDirectory.folder("keys").resolve("link-signing.key"));
    }

    /** The query string ({@code expires=…&signature=…}) that makes {@code path} readable until {@code expires}. */
    public String sign(String path, Instant expires) {
        return signature.query(path, expires.getEpochSecond());
    }

    /** True when the signature matches and the link has not expired. */
    public boolean verify(String path, String expires, String signature, Instant now) {
        return this.signature.check(path, expires, signature, now) == LinkSignature.Verdict.VALID;
    }
}
