package io.wanstudio.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One failed sign-in, counted against an account or a client address ({@link SignInThrottle}). */
@Entity
@Table(name = "sign_in_failure")
class SignInFailure {
    @Id
    @SequenceGenerator(name = "sign_in_failure_seq", sequenceName = "sign_in_failure_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sign_in_failure_seq")
    private Long id;
    private String kind;
    @Column(name = "failure_key")
    private String key;
    @Column(name = "failed_at")
    private Instant failedAt;

    protected SignInFailure() {
        // for JPA
    }

    SignInFailure(String kind, String key, Instant failedAt) {
        this.kind = kind;
        this.key = key;
        this.failedAt = failedAt;
    }
}
