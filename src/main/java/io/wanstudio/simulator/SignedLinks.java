package io.wanstudio.simulator;

import io.wanstudio.media.LinkSignature;
import io.wanstudio.platform.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The simulator's signed, expiring result links (the signed subject is the task id). Its secret is its own, kept
 * in the simulator's folder, as a separate provider's would be, so links stay valid when a simulator running
 * alone restarts.
 */
@ApplicationScoped
public class SignedLinks {
    static final String SECRET_FILE = "link-secret";

    @Inject
    DataDirectory dataDirectory;

    private LinkSignature signature;

    @PostConstruct
    void init() {
        signature = LinkSignature.withSecretIn(dataDirectory.folder("simulator").resolve(SECRET_FILE));
    }

    /** The query string ({@code expires=…&signature=…}) of a link to a task's video. */
    public String query(String taskId, long expiresEpochSeconds) {
        return signature.query(taskId, expiresEpochSeconds);
    }

    public LinkSignature.Verdict check(String taskId, String expires, String signature, Instant now) {
        return this.signature.check(taskId, expires, signature, now);
    }
}
