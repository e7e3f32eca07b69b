package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail. Each event is written in its own transaction, so that it stays even when the action it
 * records fails afterwards. Callers never pass a password or a token, only names and short facts.
 */
@ApplicationScoped
public class AuditLog {
    static final String UNKNOWN_USER = "unknown user";
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void record(String username, String clientAddress, AuditEventType type, String detail) {
        em.persist(new AuditEvent(Instant.now(), username, clientAddress, type, detail));
        // A name that belongs to no account may be a password typed into the wrong field: the table keeps it for
        // the admin, the log does not.
        String logged = UNKNOWN_USER.equals(detail) ? "(unknown name)" : username;
        LOG.log(type == AuditEventType.SIGN_IN_FAILED || type == AuditEventType.SIGN_IN_THROTTLED ? Level.INFO
                : Level.FINE, () -> "Audit: " + type + " " + logged + " from " + clientAddress
                        + (detail == null ? "" : " (" + detail + ")"));
    }

    @Transactional(TxType.REQUIRED)
    public List<AuditEvent> recent(int max) {
        return em.createNamedQuery(AuditEvent.RECENT, AuditEvent.class).setMaxResults(max).getResultList();
    }

    /**
     * Events matching the filters (each optional), newest first, older than event {@code beforeId} (null: from the
     * newest): keyset pages by id, which grows with time.
     */
    @Transactional(TxType.REQUIRED)
    public List<AuditEvent> search(String username, AuditEventType type, Instant from, Instant to, Long beforeId,
            int max) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE 1 = 1");
        if (username != null) {
            jpql.append(" AND e.username = :username");
        }
        if (type != null) {
            jpql.append(" AND e.type = :type");
        }
        if (from != null) {
            jpql.append(" AND e.at >= :from");
        }
        if (to != null) {
            jpql.append(" AND e.at < :to");
        }
        if (beforeId != null) {
            jpql.append(" AND e.id < :before");
        }
        var query = em.createQuery(jpql.append(" ORDER BY e.id DESC").toString(), AuditEvent.class);
        if (username != null) {
            query.setParameter("username", username);
        }
        if (type != null) {
            query.setParameter("type", type);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.setMaxResults(max).getResultList();
    }
}
