package io.wanstudio.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A signed-in browser (see {@link WebSessions}); only the SHA-256 of its cookie's token is kept. */
@Entity
@Table(name = "web_session")
class WebSession {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;
    private String username;
    @Column(name = "signed_in_at")
    private Instant signedInAt;
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "must_change_password")
    private boolean mustChangePassword;
    @Column(name = "ended_at")
    private Instant endedAt;

    protected WebSession() {
        // for JPA
    }

    WebSession(String tokenHash, String username, boolean mustChangePassword, Instant now, Duration lifetime) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.mustChangePassword = mustChangePassword;
        this.signedInAt = now;
        this.lastSeenAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    /** Still usable: not ended, not past its lifetime, not idle for longer than {@code idle}. */
    boolean isLive(Instant now, Duration idle) {
        return endedAt == null && now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idle));
    }

    /** Records a use; returns whether the row changed (written at most once a minute per session). */
    boolean seen(Instant now) {
        if (lastSeenAt.plusSeconds(60).isAfter(now)) {
            return false;
        }
        lastSeenAt = now;
        return true;
    }

    void end(Instant now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    /** The password was changed in this session: it stays, sessions that began before end. */
    void passwordChanged(Instant signedInFrom) {
        signedInAt = signedInFrom;
        mustChangePassword = false;
    }

    String getUsername() {
        return username;
    }

    Instant getSignedInAt() {
        return signedInAt;
    }

    boolean isMustChangePassword() {
        return mustChangePassword;
    }
}
