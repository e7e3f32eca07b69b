package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Failed sign-ins in the database, so that every instance behind a proxy counts the same failures. */
@ApplicationScoped
@Transactional
public class DatabaseFailureLog implements FailureLog {
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Override
    public void add(Kind kind, String key, Instant at) {
        em.persist(new SignInFailure(kind.name(), key, at));
    }

    @Override
    public List<Instant> after(Kind kind, String key, Instant after) {
        return em.createQuery("SELECT f.failedAt FROM SignInFailure f WHERE f.kind = :kind AND f.key = :key"
                + " AND f.failedAt > :after ORDER BY f.failedAt", Instant.class).setParameter("kind", kind.name())
                .setParameter("key", key).setParameter("after", after).getResultList();
    }

    @Override
    public void clear(Kind kind, String key) {
        em.createQuery("DELETE FROM SignInFailure f WHERE f.kind = :kind AND f.key = :key")
                .setParameter("kind", kind.name()).setParameter("key", key).executeUpdate();
    }

    @Override
    public void forgetUpTo(Instant before) {
        em.createQuery("DELETE FROM SignInFailure f WHERE f.failedAt <= :before").setParameter("before", before)
                .executeUpdate();
    }
}
