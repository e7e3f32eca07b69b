package io.wanstudio.board;

import io.wanstudio.generation.GenerationTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's rows. Each change locks the row it is about (the task's row for a new entry) for its short
 * transaction, so that two people acting at once are served one after the other and the second one sees what the
 * first did. Rules and audit are {@link ReviewBoard}'s.
 */
@ApplicationScoped
@Transactional
public class BoardStore {
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    /** A board entry with its task. */
    public record Item(BoardEntry entry, GenerationTask task) {
    }

    /** One result of a month on the board: whose, its verdict and length. */
    public record Judged(String owner, Instant createdAt, Verdict verdict, int seconds) {
    }

    /** Work on the board that may be refused; a refusal changes nothing (it comes before any write). */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws BoardRefusedException;
    }

    /** Runs the work in one transaction, holding the locks it takes until the end. */
    public <T> T inTransaction(Work<T> work) throws BoardRefusedException {
        return work.run();
    }

    public Optional<BoardEntry> find(long taskId) {
        return Optional.ofNullable(em.find(BoardEntry.class, taskId));
    }

    /** The task, locked until the end of this transaction, with its entry if it has one. */
    public Optional<Item> lockTask(long taskId) {
        GenerationTask task = em.find(GenerationTask.class, taskId, LockModeType.PESSIMISTIC_WRITE);
        return task == null ? Optional.empty() : Optional.of(new Item(em.find(BoardEntry.class, taskId), task));
    }

    /** The entry, locked until the end of this transaction. */
    public Optional<BoardEntry> lockEntry(long taskId) {
        return Optional.ofNullable(em.find(BoardEntry.class, taskId, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(BoardEntry entry) {
        em.persist(entry);
    }

    public void remove(BoardEntry entry) {
        em.remove(entry);
    }

    /** Entries with the verdict (null: any) of the owner (null: anyone), newest first. */
    public List<Item> list(Verdict verdict, String owner, int max) {
        var query = em.createQuery("SELECT e, t FROM BoardEntry e, GenerationTask t WHERE t.id = e.taskId"
                + (verdict == null ? "" : " AND e.verdict = :verdict") + (owner == null ? "" : " AND e.owner = :owner")
                + " ORDER BY e.shortlistedAt DESC, e.taskId DESC", Object[].class).setMaxResults(max);
        if (verdict != null) {
            query.setParameter("verdict", verdict);
        }
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        List<Item> items = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            items.add(new Item((BoardEntry) row[0], (GenerationTask) row[1]));
        }
        return items;
    }

    /** Where these tasks of the owner stand on the board; a task that is not on it is not in the map. */
    public Map<Long, Verdict> verdicts(String owner, Collection<Long> taskIds) {
        Map<Long, Verdict> verdicts = new HashMap<>();
        if (taskIds.isEmpty()) {
            return verdicts;
        }
        em.createQuery("SELECT e.taskId, e.verdict FROM BoardEntry e WHERE e.owner = :owner AND e.taskId IN :ids",
                Object[].class).setParameter("owner", owner).setParameter("ids", taskIds).getResultList()
                .forEach(row -> verdicts.put((Long) row[0], (Verdict) row[1]));
        return verdicts;
    }

    /** How many entries of the owner (null: anyone) have each verdict. */
    public Map<Verdict, Long> counts(String owner) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0L);
        }
        var query = em.createQuery("SELECT e.verdict, COUNT(e) FROM BoardEntry e"
                + (owner == null ? "" : " WHERE e.owner = :owner") + " GROUP BY e.verdict", Object[].class);
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        for (Object[] row : query.getResultList()) {
            counts.put((Verdict) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Every board entry whose task was created in [{@code from}, {@code to}). */
    public List<Judged> judged(Instant from, Instant to) {
        return em.createQuery("SELECT e.owner, t.createdAt, e.verdict, t.durationSeconds FROM BoardEntry e, "
                + "GenerationTask t WHERE t.id = e.taskId AND t.createdAt >= :from AND t.createdAt < :to",
                Object[].class).setParameter("from", from).setParameter("to", to).getResultStream()
                .map(r -> new Judged((String) r[0], (Instant) r[1], (Verdict) r[2], ((Number) r[3]).intValue()))
                .toList();
    }
}
