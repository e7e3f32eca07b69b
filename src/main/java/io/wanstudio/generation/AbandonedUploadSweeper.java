package io.wanstudio.generation;

import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.DatabaseMigration;
import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes uploads that no task uses once they are old enough to be abandoned (chosen on the create page, then the
 * page was left): their rows and files go. Lives here, not in {@code media}, because only tasks know what is used.
 */
@ApplicationScoped
public class AbandonedUploadSweeper {
    private static final Logger LOG = Logger.getLogger(AbandonedUploadSweeper.class.getName());
    private static final int BATCH = 500;

    @Inject
    UploadStore uploads;

    @Inject
    TaskStore tasks;

    @Inject
    ProviderMode mode;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "wan.upload.abandoned-after-hours", defaultValue = "24")
    long abandonedAfterHours;

    @Inject
    @ConfigProperty(name = "wan.upload.sweep-interval-minutes", defaultValue = "60")
    long sweepIntervalMinutes;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started, DatabaseMigration schema) {
        if (mode.simulatorOnly() || !schema.isMigrated()) {
            return;
        }
        uploads.removeLeftoversOfAKilledProcess();
        schedule = scheduler.scheduleWithFixedDelay(this::sweepNow, sweepIntervalMinutes, sweepIntervalMinutes,
                TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void sweepNow() {
        try {
            int removed = sweep(Instant.now());
            if (removed > 0) {
                LOG.info("Removed " + removed + " uploads that no task used");
            }
        } catch (Throwable t) {
            // never let an exception end the schedule
            LOG.log(Level.WARNING, "Sweeping abandoned uploads failed; trying again at the next interval", t);
        }
    }

    /** Removes the unused uploads older than the configured age; returns how many went. */
    public int sweep(Instant now) {
        Instant cutoff = now.minus(Duration.ofHours(abandonedAfterHours));
        int removed = 0;
        long afterId = 0;
        List<StoredUpload> batch;
        do {
            batch = uploads.olderThan(cutoff, afterId, BATCH);
            Set<String> used = tasks.inputsInUse(batch.stream()
                    .map(upload -> RequestValidator.UPLOAD_PREFIX + upload.getToken()).toList());
            for (StoredUpload upload : batch) {
                if (!used.contains(RequestValidator.UPLOAD_PREFIX + upload.getToken())) {
                    uploads.discard(upload.getOwner(), upload.getToken());
                    removed++;
                }
                afterId = upload.getId();
            }
        } while (batch.size() == BATCH);
        return removed;
    }
}
