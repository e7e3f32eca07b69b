package io.wanstudio.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-second prices the admin has set, by resolution ("720P", "1080P"); a resolution without a row keeps the
 * configured default. Read on every quote, so kept in memory and dropped when the admin changes one.
 */
@ApplicationScoped
public class PriceBook {
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    private volatile Map<String, BigDecimal> cached;

    /** The stored prices (only those the admin has set). */
    @Transactional(TxType.REQUIRED)
    public Map<String, BigDecimal> stored() {
        Map<String, BigDecimal> prices = cached;
        if (prices == null) {
            Map<String, BigDecimal> loaded = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT resolution, per_second FROM price_setting")
                    .getResultList();
            for (Object[] row : rows) {
                loaded.put((String) row[0], (BigDecimal) row[1]);
            }
            prices = Map.copyOf(loaded);
            cached = prices;
        }
        return prices;
    }

    /** Stores a price in its own transaction, then drops the cache so that the next quote reads it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void save(String resolution, BigDecimal perSecond, String by, Instant at) {
        cached = null;
        em.createNativeQuery("DELETE FROM price_setting WHERE resolution = ?1").setParameter(1, resolution)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO price_setting (resolution, per_second, updated_at, updated_by) "
                + "VALUES (?1, ?2, ?3, ?4)").setParameter(1, resolution).setParameter(2, perSecond)
                .setParameter(3, java.sql.Timestamp.from(at)).setParameter(4, by).executeUpdate();
    }

    /** Forgets the cached prices; called after {@link #save} has committed. */
    public void invalidate() {
        cached = null;
    }
}
