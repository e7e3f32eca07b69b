package io.wanstudio.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Monthly budgets and the reservations against them. What a scope has reserved in a month is one row of
 * {@code budget_usage}; a reservation adds to it with a single conditional UPDATE that also checks the limit, so
 * the database decides which of two concurrent submits fits, never a read-then-write in Java. Every task's
 * reservation is also kept in {@code budget_reservation}, so that it is given back at most once.
 */
@ApplicationScoped
public class Budgets {
    private static final Logger LOG = Logger.getLogger(Budgets.class.getName());

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Inject
    UsageRows usageRows;

    @Inject
    @ConfigProperty(name = "wan.budget.zone", defaultValue = "UTC")
    String zone;

    public BudgetMonth monthOf(Instant at) {
        return BudgetMonth.of(at, ZoneId.of(zone));
    }

    /**
     * Makes sure the owner's and the team's rows for the month exist. Call it before (outside) the transaction
     * that {@link #reserve}s: a first submit of the month that races another must not lose its task over a
     * duplicate key.
     */
    public void prepare(String owner, Instant at) {
        String month = monthOf(at).key();
        for (String scope : List.of(BudgetScope.user(owner), BudgetScope.TEAM)) {
            try {
                usageRows.ensure(scope, month);
            } catch (RuntimeException e) {
                // Another submit made the row in the meantime; anything else shows up as a missing row below.
                LOG.log(Level.FINE, "Budget row " + scope + " " + month + " made concurrently", e);
            }
        }
    }

    /**
     * Reserves {@code cost} for task {@code taskId} against the owner's and the team's budgets of the month, in
     * the caller's transaction (the one that creates the task). The user's row is always taken before the team's,
     * so concurrent reservations lock in the same order.
     *
     * @throws BudgetExceededException a budget would go over its limit; the caller's transaction rolls back
     */
    @Transactional(TxType.MANDATORY)
    public void reserve(long taskId, String owner, BigDecimal cost, String currency, Instant at) {
        BudgetMonth month = monthOf(at);
        for (String scope : List.of(BudgetScope.user(owner), BudgetScope.TEAM)) {
            int updated = em.createNativeQuery("UPDATE budget_usage SET spent = spent + ?1 "
                    + "WHERE scope = ?2 AND budget_month = ?3 AND spent + ?4 <= COALESCE("
                    + "(SELECT l.monthly_limit FROM budget_limit l WHERE l.scope = ?5), spent + ?6)")
                    .setParameter(1, cost).setParameter(2, scope).setParameter(3, month.key())
                    .setParameter(4, cost).setParameter(5, scope).setParameter(6, cost).executeUpdate();
            if (updated != 1) {
                if (!usageRows.exists(scope, month.key())) {
                    throw new IllegalStateException("No budget row for " + scope + " in " + month.key());
                }
                BigDecimal left = limit(scope).orElse(BigDecimal.ZERO).subtract(spent(scope, month));
                throw new BudgetExceededException(scope, cost, left, currency, month);
            }
        }
        em.createNativeQuery("INSERT INTO budget_reservation (task_id, owner, budget_month, cost, reserved_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, taskId).setParameter(2, owner)
                .setParameter(3, month.key()).setParameter(4, cost)
                .setParameter(5, java.sql.Timestamp.from(at)).executeUpdate();
    }

    /**
     * Gives a task's reservation back (the task was not billed); a second call, or one for a task that reserved
     * nothing, does nothing. Joins the caller's transaction, so it commits with the task's new state.
     */
    @Transactional(TxType.REQUIRED)
    public boolean release(long taskId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT owner, budget_month, cost FROM budget_reservation "
                + "WHERE task_id = ?1 AND released_at IS NULL").setParameter(1, taskId).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        // The conditional UPDATE makes a concurrent second release a no-op.
        int marked = em.createNativeQuery("UPDATE budget_reservation SET released_at = ?1 "
                + "WHERE task_id = ?2 AND released_at IS NULL").setParameter(1, java.sql.Timestamp.from(now))
                .setParameter(2, taskId).executeUpdate();
        if (marked != 1) {
            return false;
        }
        String owner = (String) rows.get(0)[0];
        String month = (String) rows.get(0)[1];
        BigDecimal cost = (BigDecimal) rows.get(0)[2];
        for (String scope : List.of(BudgetScope.user(owner), BudgetScope.TEAM)) {
            em.createNativeQuery("UPDATE budget_usage SET spent = spent - ?1 WHERE scope = ?2 AND budget_month = ?3")
                    .setParameter(1, cost).setParameter(2, scope).setParameter(3, month).executeUpdate();
        }
        return true;
    }

    /** The owner's and the team's limits and spending this month. */
    @Transactional(TxType.REQUIRED)
    public BudgetStanding standing(String owner, Instant at) {
        BudgetMonth month = monthOf(at);
        String user = BudgetScope.user(owner);
        return new BudgetStanding(month, limit(user).orElse(null), spent(user, month),
                limit(BudgetScope.TEAM).orElse(null), spent(BudgetScope.TEAM, month));
    }

    /** A scope's monthly limit; empty when unlimited. */
    @Transactional(TxType.REQUIRED)
    public Optional<BigDecimal> limit(String scope) {
        List<?> rows = em.createNativeQuery("SELECT monthly_limit FROM budget_limit WHERE scope = ?1")
                .setParameter(1, scope).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((BigDecimal) rows.get(0));
    }

    /** What a scope has reserved in a month (zero when nothing). */
    @Transactional(TxType.REQUIRED)
    public BigDecimal spent(String scope, BudgetMonth month) {
        List<?> rows = em.createNativeQuery("SELECT spent FROM budget_usage WHERE scope = ?1 AND budget_month = ?2")
                .setParameter(1, scope).setParameter(2, month.key()).getResultList();
        return rows.isEmpty() ? BigDecimal.ZERO : (BigDecimal) rows.get(0);
    }

    /** Sets or removes (null) a scope's monthly limit. */
    @Transactional(TxType.REQUIRED)
    public void setLimit(String scope, BigDecimal limit, String by, Instant at) {
        em.createNativeQuery("DELETE FROM budget_limit WHERE scope = ?1").setParameter(1, scope).executeUpdate();
        if (limit != null) {
            em.createNativeQuery("INSERT INTO budget_limit (scope, monthly_limit, updated_at, updated_by) "
                    + "VALUES (?1, ?2, ?3, ?4)").setParameter(1, scope).setParameter(2, limit)
                    .setParameter(3, java.sql.Timestamp.from(at)).setParameter(4, by).executeUpdate();
        }
    }
}
