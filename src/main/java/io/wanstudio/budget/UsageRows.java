package io.wanstudio.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Makes a scope's row for a month, each in its own short transaction, before the reservation needs it: two
 * first submits of a month may both try, and the loser's duplicate key must not fail a task's transaction.
 */
@ApplicationScoped
public class UsageRows {
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void ensure(String scope, String month) {
        em.createNativeQuery("INSERT INTO budget_usage (scope, budget_month, spent) SELECT ?1, ?2, 0 "
                // a derived table needs its alias on PostgreSQL (before 16); H2 takes it too
                + "FROM (VALUES (1)) AS one_row (n) WHERE NOT EXISTS (SELECT 1 FROM budget_usage WHERE scope = ?3 AND budget_month = ?4)")
                .setParameter(1, scope).setParameter(2, month).setParameter(3, scope).setParameter(4, month)
                .executeUpdate();
    }

    @Transactional(TxType.REQUIRED)
    public boolean exists(String scope, String month) {
        return !em.createNativeQuery("SELECT 1 FROM budget_usage WHERE scope = ?1 AND budget_month = ?2")
                .setParameter(1, scope).setParameter(2, month).getResultList().isEmpty();
    }
}
