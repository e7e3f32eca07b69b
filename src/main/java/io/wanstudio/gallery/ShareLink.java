package io.wanstudio.gallery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A read-only link to one finished video, for people without an account. Only the SHA-256 of its random token is
 * stored: whoever reads the database cannot open the links. It expires by itself and can be revoked earlier; a
 * revoked or expired link stays listed, so its owner sees what happened to it. It goes when its task goes.
 */
@Entity
@Table(name = "share_link")
@NamedQuery(name = ShareLink.BY_HASH, query = "SELECT s FROM ShareLink s WHERE s.tokenHash = :hash")
@NamedQuery(name = ShareLink.BY_TASK, query = "SELECT s FROM ShareLink s WHERE s.owner = :owner"
        + " AND s.taskId = :taskId ORDER BY s.createdAt DESC, s.id DESC")
@NamedQuery(name = ShareLink.BY_ID_AND_OWNER, query = "SELECT s FROM ShareLink s WHERE s.id = :id"
        + " AND s.owner = :owner")
public class ShareLink {
    static final String BY_HASH = "ShareLink.byHash";
    static final String BY_TASK = "ShareLink.byTask";
    static final String BY_ID_AND_OWNER = "ShareLink.byIdAndOwner";

    /** What a visitor of the link gets. */
    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    @Id
    @SequenceGenerator(name = "share_link_seq", sequenceName = "share_link_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "share_link_seq")
    private Long id;

    @Column(name = "task_id")
    private long taskId;
    private String owner;
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ShareLink() {
        // for JPA
    }

    ShareLink(long taskId, String owner, String tokenHash, Instant now, Instant expiresAt) {
        this.taskId = taskId;
        this.owner = owner;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** A revoked link says so even after it would have expired: the owner's decision is the clearer answer. */
    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** False when it was revoked already (a second revoke changes nothing, not even the time). */
    boolean revoke(Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    public Long getId() {
        return id;
    }

    public long getTaskId() {
        return taskId;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
