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
import java.time.Instant;

/**
 * One security-relevant event: who (the name given, which may belong to no account), from where, what, and a
 * short detail. Never a password or a token. Rows are only ever added.
 */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.RECENT, query = "SELECT e FROM AuditEvent e ORDER BY e.at DESC, e.id DESC")
public class AuditEvent {
    static final String RECENT = "AuditEvent.recent";
    static final int MAX_USERNAME = 100;
    static final int MAX_ADDRESS = 64;
    static final int MAX_DETAIL = 200;

    @Id
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    private Long id;

    @Column(name = "occurred_at")
    private Instant at;
    private String username;
    @Column(name = "client_address")
    private String clientAddress;
    @Enumerated(EnumType.STRING)
    private AuditEventType type;
    private String detail;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant at, String username, String clientAddress, AuditEventType type, String detail) {
        this.at = at;
        this.username = cut(username, MAX_USERNAME);
        this.clientAddress = cut(clientAddress, MAX_ADDRESS);
        this.type = type;
        this.detail = cut(detail, MAX_DETAIL);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getUsername() {
        return username;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public AuditEventType getType() {
        return type;
    }

    public String getDetail() {
        return detail;
    }
}
