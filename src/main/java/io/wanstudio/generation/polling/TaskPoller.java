package io.wanstudio.generation.polling;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.platform.DatabaseMigration;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.TaskLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one schedule that drives every open task: each tick it marks abandoned submits for review, then claims
 * the tasks whose poll is due (a conditional update, so two instances never work on one task) and hands each to
 * {@link TaskAdvancer} on the managed executor: at most {@code wan.poller.parallel-polls} polls at once, plus the
 * downloads. Nothing thrown can end the schedule, and it stops when the application is undeployed.
 */
@ApplicationScoped
// Polls get a bounded pool of their own, so that they never queue behind downloads (seconds each: the video and
// its poster) on the shared default executor
@ManagedExecutorDefinition(name = TaskPoller.POLL_EXECUTOR, maxAsync = 8)
public class TaskPoller {
    static final String POLL_EXECUTOR = "java:app/concurrent/wanPolls";
    private static final Logger LOG = Logger.getLogger(TaskPoller.class.getName());
    private static final int MAX_BATCHES_PER_TICK = 10;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService workers;

    @Resource(lookup = POLL_EXECUTOR)
    ManagedExecutorService pollers;

    @Inject
    TaskStore store;

    @Inject
    TaskAdvancer progress;

    @Inject
    ProviderMode mode;

    @Inject
    @ConfigProperty(name = "wan.poller.tick-ms", defaultValue = "250")
    long tickMs;

    @Inject
    @ConfigProperty(name = "wan.poller.batch-size", defaultValue = "20")
    int batchSize;

    @Inject
    @ConfigProperty(name = "wan.poller.parallel-polls", defaultValue = "4") // at most the pool's maxAsync (8)
    int parallelPolls;

    @Inject
    @ConfigProperty(name = "wan.submit.stale-after-seconds", defaultValue = "150")
    long staleSubmitSeconds;

    @Inject
    @ConfigProperty(name = "wan.download.timeout-seconds", defaultValue = "300")
    long downloadTimeoutSeconds;

    private final String instance = "wan-" + UUID.randomUUID();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> schedule;
    private Semaphore pollSlots;

    /** Starts with the application, once the schema is migrated (the migration bean is created first). */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started, DatabaseMigration schema) {
        if (mode.simulatorOnly() || !schema.isMigrated()) {
            return;
        }
        running.set(true);
        pollSlots = new Semaphore(Math.max(1, parallelPolls));
        schedule = scheduler.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        LOG.info("Task poller started (" + instance + ", every " + tickMs + " ms)");
    }

    @PreDestroy
    void stop() {
        running.set(false);
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void tick() {
        try {
            reviewAbandonedSubmits();
            // A full batch means more are due: take them now rather than a tick later (bounded, so a flood of
            // due tasks still lets the tick end)
            for (int round = 0; round < MAX_BATCHES_PER_TICK; round++) {
                List<Long> due = store.dueForPoll(clock.instant(), batchSize);
                for (Long id : due) {
                    if (!running.get() || !work(id)) {
                        return; // stopping, or as many polls in flight as allowed: the rest stay due
                    }
                }
                if (due.size() < batchSize) {
                    break;
                }
            }
        } catch (Throwable t) {
            // Never let an exception escape: a scheduled task that throws is never run again.
            LOG.log(Level.WARNING, "Poller tick failed; continuing with the next tick", t);
        }
    }

    /** Claims one due task and starts its poll or download; false when no more polls may start now. */
    private boolean work(long id) {
        Instant now = clock.instant();
        var task = store.find(id);
        if (task.isEmpty() || !task.get().getState().isPolled()) {
            return true;
        }
        boolean download = task.get().getState() == TaskState.DOWNLOADING;
        if (!download && !pollSlots.tryAcquire()) {
            return false;
        }
        Duration lease = download ? Duration.ofSeconds(downloadTimeoutSeconds + 60) : Duration.ofSeconds(60);
        if (!store.claim(id, instance, now, now.plus(lease))) {
            if (!download) {
                pollSlots.release();
            }
            return true; // another instance has it
        }
        // On the worker pool, so that one slow answer does not hold back every other due task (the lag a
        // user sees); the slots bound how many requests the provider gets from us at once
        try {
            (download ? workers : pollers).execute(() -> {
                try {
                    if (download) {
                        progress.download(id);
                    } else {
                        progress.poll(id);
                    }
                } catch (Throwable t) {
                    TaskLog.log(LOG, Level.WARNING, id, null, (download ? "download" : "poll")
                            + " failed unexpectedly", t);
                } finally {
                    release(id);
                    if (!download) {
                        pollSlots.release();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            release(id);
            if (!download) {
                pollSlots.release();
            }
            return false;
        }
        return true;
    }

    private void release(long id) {
        try {
            store.release(id, instance);
        } catch (RuntimeException e) {
            TaskLog.log(LOG, Level.FINE, id, null, "could not release its claim; the claim lapses by itself", e);
        }
    }

    /**
     * A SUBMITTING task older than the longest a submit can take was left by a process that died during its POST.
     * It may have been charged, so it is marked for review, never resubmitted.
     */
    private void reviewAbandonedSubmits() {
        Instant now = clock.instant();
        for (GenerationTask task : store.staleSubmits(now.minusSeconds(staleSubmitSeconds))) {
            store.update(task.getId(), t -> t.submitOutcomeUnknown("The app stopped while this task was being "
                    + "submitted, so it is not known whether the provider received it (and charged for it). "
                    + "It was not sent again; an admin should check it.", now));
        }
    }
}
