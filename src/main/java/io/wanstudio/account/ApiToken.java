package io.wanstudio.account;

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
 * A personal API token. Only its SHA-256 hash is stored (the token is shown once, when made) and a short prefix
 * that lets its owner tell tokens apart. A revoked token stays listed, so the owner sees what was revoked when.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.BY_OWNER,
        query = "SELECT t FROM ApiToken t WHERE t.owner = :owner ORDER BY t.createdAt DESC, t.id DESC")
@NamedQuery(name = ApiToken.BY_ID_AND_OWNER, query = "SELECT t FROM ApiToken t WHERE t.id = :id AND t.owner = :owner")
public class ApiToken {
    static final String BY_HASH = "ApiToken.byHash";
    static final String BY_OWNER = "ApiToken.byOwner";
    static final String BY_ID_AND_OWNER = "ApiToken.byIdAndOwner";

    @Id
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    private Long id;

    private String owner;
    private String label;
    @Column(name = "token_hash")
    private String tokenHash;
    private String prefix;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
        // for JPA
    }

    ApiToken(String owner, String label, String tokenHash, String prefix, Instant now) {
        this.owner = owner;
        this.label = label;
        this.tokenHash = tokenHash;
        this.prefix = prefix;
        this.createdAt = now;
    }

    /** Records use at most once a minute: the API should not write a row on every request. */
    boolean used(Instant now) {
        if (lastUsedAt == null || lastUsedAt.isBefore(now.minusSeconds(60))) {
            lastUsedAt = now;
            return true;
        }
        return false;
    }

    /** True when this call revoked it; a second revoke changes nothing. */
    boolean revoke(Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getLabel() {
        return label;
    }

    String getTokenHash() {
        return tokenHash;
    }

    public String getPrefix() {
        return prefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
