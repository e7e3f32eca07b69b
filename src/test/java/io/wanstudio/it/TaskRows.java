package io.wanstudio.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;

/**
 * Test-only (added to in-container deployments, never shipped): changes stored facts of a task or an upload that
 * no state change of the app would set, e.g. how long ago the provider accepted it, so that a test need not wait
 * a day.
 * Bulk JPQL updates, as the app's own claims are, so that the persistence cache does not keep the old values.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class TaskRows {
    private static final Set<String> ATTRIBUTES = Set.of("providerTaskId", "acceptedAt", "nextPollAt");

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    public void setProviderTaskId(long id, String providerTaskId) {
        set(id, "providerTaskId", providerTaskId);
    }

    public void setAcceptedAt(long id, Instant acceptedAt) {
        set(id, "acceptedAt", acceptedAt);
    }

    /** Makes the task due for its next poll at once. */
    public void dueNow(long id) {
        set(id, "nextPollAt", Instant.now());
    }

    /** When an upload was kept: how old it is decides whether an unused one counts as abandoned. */
    public void setUploadCreatedAt(String token, Instant at) {
        int changed = em.createQuery("UPDATE StoredUpload u SET u.createdAt = :at WHERE u.token = :token")
                .setParameter("at", at).setParameter("token", token).executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("No upload " + token);
        }
    }

    private void set(long id, String attribute, Object value) {
        if (!ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException(attribute);
        }
        int changed = em.createQuery("UPDATE GenerationTask t SET t." + attribute + " = :value WHERE t.id = :id")
                .setParameter("value", value).setParameter("id", id).executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("No task " + id);
        }
    }
}
