package io.wanstudio.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A member of the team. The username is stored in lower case, so that lookups are case-insensitive and the owner
 * of tasks and media is one stable name. Only a PBKDF2 hash of the password is kept. State changes are the
 * methods below.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.BY_USERNAME, query = "SELECT u FROM UserAccount u WHERE u.username = :username")
@NamedQuery(name = UserAccount.ALL, query = "SELECT u FROM UserAccount u ORDER BY u.username")
@NamedQuery(name = UserAccount.COUNT, query = "SELECT COUNT(u) FROM UserAccount u")
public class UserAccount {
    static final String BY_USERNAME = "UserAccount.byUsername";
    static final String ALL = "UserAccount.all";
    static final String COUNT = "UserAccount.count";

    @Id
    @SequenceGenerator(name = "user_account_seq", sequenceName = "user_account_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
    private Long id;

    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private boolean enabled;
    @Column(name = "must_change_password")
    private boolean mustChangePassword;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;
    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;
    /** Sessions that signed in before this are over (password changed or reset, account disabled). */
    @Column(name = "sessions_revoked_at")
    private Instant sessionsRevokedAt;
    @Version
    private long version;

    protected UserAccount() {
        // for JPA
    }

    UserAccount(String username, String passwordHash, Role role, boolean mustChangePassword, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.updatedAt = now;
        this.passwordChangedAt = now;
    }

    /** The user chose a new password themselves. */
    void passwordChanged(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = false;
        passwordChangedAt = now;
        updatedAt = now;
    }

    /** An admin set a temporary password: the user must choose their own at the next sign-in. */
    void passwordReset(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = true;
        passwordChangedAt = now;
        updatedAt = now;
    }

    /** False when the account has this role already. */
    boolean changeRole(Role newRole, Instant now) {
        if (role == newRole) {
            return false;
        }
        role = newRole;
        updatedAt = now;
        return true;
    }

    void disable(Instant now) {
        enabled = false;
        updatedAt = now;
    }

    void enable(Instant now) {
        enabled = true;
        updatedAt = now;
    }

    void sessionsEnded(Instant at) {
        sessionsRevokedAt = at;
    }

    public Instant getSessionsRevokedAt() {
        return sessionsRevokedAt;
    }

    void signedIn(Instant now) {
        lastSignInAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public Instant getLastSignInAt() {
        return lastSignInAt;
    }
}
