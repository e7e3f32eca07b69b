package io.wanstudio.generation;

import io.wanstudio.platform.TaskLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tasks in the database. Every write is its own short transaction, committed before the caller talks to the
 * provider: the SUBMITTING row exists before the paid POST leaves, and no transaction is held open over HTTP.
 * Reads for users always filter by owner in the query.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class TaskStore {
    private static final Logger LOG = Logger.getLogger(TaskStore.class.getName());
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    /** Observers use {@code @Observes(during = AFTER_SUCCESS)} to see only committed changes. */
    @Inject
    Event<TaskChanged> changes;

    public GenerationTask create(GenerationTask task) {
        em.persist(task);
        em.flush();
        logCreated(task);
        return task;
    }

    /**
     * Creates a task and, in the same transaction once its id is known, runs {@code alsoInThisTransaction} (the
     * budget reservation): when that throws, neither the task nor what it did is kept.
     */
    public GenerationTask create(GenerationTask task,
            java.util.function.Consumer<GenerationTask> alsoInThisTransaction) {
        em.persist(task);
        em.flush();
        alsoInThisTransaction.accept(task);
        logCreated(task);
        return task;
    }

    /**
     * Applies one state change to a task and saves it; {@code change} returns false when the event no longer
     * applies. Returns the task as saved (or as found, when nothing changed).
     */
    public Optional<GenerationTask> update(long id, Predicate<GenerationTask> change) {
        GenerationTask task = em.find(GenerationTask.class, id);
        if (task == null) {
            return Optional.empty();
        }
        TaskState before = task.getState();
        if (change.test(task)) {
            em.flush();
            changes.fire(new TaskChanged(id, task.getOwner(), task.getState(), task.getProgressPercent()));
            if (task.getState() != before) {
                logStateChange(before, task);
            }
        }
        return Optional.of(task);
    }

    private static void logCreated(GenerationTask task) {
        TaskLog.log(LOG, Level.INFO, task.getId(), null, task.getState() + " for " + task.getOwner() + ": "
                + task.getDurationSeconds() + " s " + task.getResolution() + ", "
                + task.getCostEstimate().toPlainString() + " " + task.getCurrency(), null);
    }

    /** One line per change of state, with the reason where the task stopped short of a video. */
    private static void logStateChange(TaskState before, GenerationTask task) {
        TaskState now = task.getState();
        String line = before + " -> " + now;
        if (now == TaskState.COMPLETED && task.getVideoBytes() != null) {
            line += ", " + task.getVideoBytes() + " bytes stored";
        } else if ((now == TaskState.FAILED || now == TaskState.NEEDS_REVIEW) && task.getFailureReason() != null) {
            line += ": " + task.getFailureReason();
        }
        TaskLog.log(LOG, now == TaskState.NEEDS_REVIEW ? Level.WARNING : Level.INFO, task.getId(),
                task.getProviderTaskId(), line, null);
    }

    @Transactional(TxType.REQUIRED)
    public Optional<GenerationTask> find(long id) {
        return Optional.ofNullable(em.find(GenerationTask.class, id));
    }

    @Transactional(TxType.REQUIRED)
    public Optional<GenerationTask> findForOwner(String owner, long id) {
        return em.createNamedQuery(GenerationTask.BY_ID_AND_OWNER, GenerationTask.class)
                .setParameter("id", id).setParameter("owner", owner).getResultStream().findFirst();
    }

    @Transactional(TxType.REQUIRED)
    public Optional<GenerationTask> findByClientRequest(String owner, String clientRequestId) {
        return em.createNamedQuery(GenerationTask.BY_CLIENT_REQUEST, GenerationTask.class)
                .setParameter("owner", owner).setParameter("clientRequestId", clientRequestId)
                .getResultStream().findFirst();
    }

    /** Ids of tasks whose next poll is due and that no instance holds. */
    @Transactional(TxType.REQUIRED)
    public List<Long> dueForPoll(Instant now, int max) {
        return em.createNamedQuery(GenerationTask.DUE_FOR_POLL, Long.class)
                .setParameter("states", EnumSet.of(TaskState.QUEUED, TaskState.PROCESSING, TaskState.DOWNLOADING))
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** How many tasks of all users are in each state (states with none are left out). */
    @Transactional(TxType.REQUIRED)
    public Map<TaskState, Long> countsByState() {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        em.createQuery("SELECT t.state, COUNT(t) FROM GenerationTask t GROUP BY t.state", Object[].class)
                .getResultStream().forEach(row -> counts.put((TaskState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The task of any user that has been on its way the longest (submitting, queued, processing, saving). */
    @Transactional(TxType.REQUIRED)
    public Optional<GenerationTask> oldestRunning() {
        return em.createQuery("SELECT t FROM GenerationTask t WHERE t.state IN :states ORDER BY t.createdAt, t.id",
                GenerationTask.class).setParameter("states", EnumSet.of(TaskState.SUBMITTING, TaskState.QUEUED,
                        TaskState.PROCESSING, TaskState.DOWNLOADING)).setMaxResults(1).getResultStream().findFirst();
    }

    /** A task's change as of its {@code updatedAt}. */
    public record Change(TaskChanged change, Instant updatedAt) {
    }

    /** Tasks changed after {@code since} (by any instance), oldest change first, at most {@code max}. */
    @Transactional(TxType.REQUIRED)
    public List<Change> changedSince(Instant since, int max) {
        return em.createQuery("SELECT t.id, t.owner, t.state, t.progressPercent, t.updatedAt FROM GenerationTask t"
                + " WHERE t.updatedAt > :since ORDER BY t.updatedAt, t.id", Object[].class)
                .setParameter("since", since).setMaxResults(max).getResultStream()
                .map(r -> new Change(new TaskChanged((Long) r[0], (String) r[1], (TaskState) r[2],
                        ((Number) r[3]).intValue()), (Instant) r[4])).toList();
    }

    /** What the tasks that may be billed cost, in total (failed ones are not charged). */
    @Transactional(TxType.REQUIRED)
    public BigDecimal spend() {
        BigDecimal live = em.createQuery("SELECT SUM(t.costEstimate) FROM GenerationTask t WHERE t.state <> :failed",
                BigDecimal.class).setParameter("failed", TaskState.FAILED).getSingleResult();
        BigDecimal deleted = em.createQuery("SELECT SUM(t.cost) FROM DeletedTaskSpend t WHERE t.state <> :failed",
                BigDecimal.class).setParameter("failed", TaskState.FAILED).getSingleResult();
        return (live == null ? BigDecimal.ZERO : live).add(deleted == null ? BigDecimal.ZERO : deleted);
    }

    /** One user's generated seconds and cost on one day (UTC). */
    public record DailySpend(String owner, java.time.LocalDate day, long tasks, long seconds, BigDecimal cost) {
    }

    /**
     * Spend of every user per day (UTC) in [{@code from}, {@code to}): tasks that may be billed (all but failed
     * ones, deleted ones included), their seconds and their quoted cost.
     */
    @Transactional(TxType.REQUIRED)
    public List<DailySpend> dailySpend(Instant from, Instant to) {
        List<Object[]> rows = new ArrayList<>();
        // deleted tasks were paid for all the same
        for (String select : List.of("t.costEstimate FROM GenerationTask t", "t.cost FROM DeletedTaskSpend t")) {
            rows.addAll(em.createQuery("SELECT t.owner, t.createdAt, t.durationSeconds, " + select
                    + " WHERE t.state <> :failed AND t.createdAt >= :from AND t.createdAt < :to", Object[].class)
                    .setParameter("failed", TaskState.FAILED).setParameter("from", from).setParameter("to", to)
                    .getResultList());
        }
        Map<String, DailySpend> byKey = new java.util.TreeMap<>();
        for (Object[] row : rows) {
            String owner = (String) row[0];
            var day = ((Instant) row[1]).atZone(java.time.ZoneOffset.UTC).toLocalDate();
            byKey.merge(owner + "\u0000" + day, new DailySpend(owner, day, 1, ((Number) row[2]).longValue(),
                    (BigDecimal) row[3]), (a, b) -> new DailySpend(a.owner(), a.day(), a.tasks() + b.tasks(),
                            a.seconds() + b.seconds(), a.cost().add(b.cost())));
        }
        return List.copyOf(byKey.values());
    }

    /** Of these input references ("upload:<token>"), the ones some task uses. */
    @Transactional(TxType.REQUIRED)
    public Set<String> inputsInUse(Collection<String> references) {
        if (references.isEmpty()) {
            return Set.of();
        }
        Set<String> used = new HashSet<>();
        em.createQuery("SELECT t.firstFrame, t.lastFrame, t.firstClip, t.drivingAudio FROM GenerationTask t "
                + "WHERE t.firstFrame IN :refs OR t.lastFrame IN :refs OR t.firstClip IN :refs "
                + "OR t.drivingAudio IN :refs", Object[].class).setParameter("refs", references)
                .getResultStream().forEach(row -> {
                    for (Object input : row) {
                        if (input != null && references.contains(input)) {
                            used.add((String) input);
                        }
                    }
                });
        return used;
    }

    @Transactional(TxType.REQUIRED)
    public List<GenerationTask> staleSubmits(Instant before) {
        return em.createNamedQuery(GenerationTask.STALE_SUBMITS, GenerationTask.class)
                .setParameter("before", before).getResultList();
    }

    /**
     * Takes a task for this instance until {@code until}, with one conditional update: of two instances only one
     * can win, and a crashed instance's claim lapses by itself.
     */
    public boolean claim(long id, String instance, Instant now, Instant until) {
        return em.createNamedQuery(GenerationTask.CLAIM).setParameter("instance", instance)
                .setParameter("until", until).setParameter("id", id).setParameter("now", now)
                .executeUpdate() == 1;
    }

    public void release(long id, String instance) {
        em.createNamedQuery(GenerationTask.RELEASE).setParameter("id", id).setParameter("instance", instance)
                .executeUpdate();
    }
}
