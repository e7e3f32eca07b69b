package io.wanstudio.studio;

import io.wanstudio.generation.TaskStore;
import io.wanstudio.platform.DatabaseMigration;
import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changes made by other instances reach the pages open on this one: whichever instance polled a task, its owner's
 * pages hear of it. Reads the tasks changed since the last look, about once a second, and hands each to
 * {@link TaskPush}, which drops what it sent already (changes made here are pushed at once, on commit).
 */
@ApplicationScoped
public class TaskChangeFeed {
    private static final Logger LOG = Logger.getLogger(TaskChangeFeed.class.getName());
    /** Looks back this far again each time: a change committed late carries an earlier {@code updatedAt}. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final int MAX_PER_LOOK = 500;

    @Inject
    TaskStore tasks;

    @Inject
    TaskPush push;

    @Inject
    ProviderMode mode;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "wan.push.feed-interval-ms", defaultValue = "1000")
    long intervalMs;

    private final Map<Long, Instant> seen = new HashMap<>();
    private Instant watermark;
    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started, DatabaseMigration schema) {
        if (mode.simulatorOnly() || !schema.isMigrated()) {
            return;
        }
        watermark = Instant.now();
        schedule = scheduler.scheduleWithFixedDelay(this::lookNow, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private synchronized void lookNow() {
        try {
            Instant since = watermark.minus(OVERLAP);
            Instant from = since;
            List<TaskStore.Change> batch;
            do {
                batch = tasks.changedSince(from, MAX_PER_LOOK);
                for (TaskStore.Change change : batch) {
                    if (!change.updatedAt().equals(seen.put(change.change().id(), change.updatedAt()))) {
                        push.send(change.change());
                    }
                    if (change.updatedAt().isAfter(watermark)) {
                        watermark = change.updatedAt();
                    }
                }
                if (!batch.isEmpty()) {
                    from = batch.get(batch.size() - 1).updatedAt();
                }
            } while (batch.size() == MAX_PER_LOOK);
            seen.values().removeIf(at -> at.isBefore(since));
        } catch (Throwable t) {
            // never let an exception end the schedule; the next look catches up
            LOG.log(Level.WARNING, "Reading the tasks' changes failed; trying again", t);
        }
    }
}
