package io.wanstudio.generation.polling;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.PollSchedule;
import io.wanstudio.generation.ProviderMessages;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.media.ResultLinkRefusedException;
import io.wanstudio.media.ResultStore;
import io.wanstudio.platform.TaskLog;
import io.wanstudio.provider.NovitaGateway;
import io.wanstudio.provider.ProviderException;
import io.wanstudio.provider.ProviderHealth;
import io.wanstudio.provider.ProviderTaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Moves one claimed task forward: asks the provider about it, or copies its finished video into the media store.
 * What the provider says is turned into the task's own transitions; passing failures only reschedule.
 */
@ApplicationScoped
public class TaskAdvancer {
    private static final Logger LOG = Logger.getLogger(TaskAdvancer.class.getName());
    private static final int MAX_DOWNLOAD_FAILURES = 5;
    /** Asked this often, a success without a video is taken as the provider's final word. */
    private static final int MAX_POLLS_WITHOUT_VIDEO = 5;

    @Inject
    TaskStore store;

    @Inject
    NovitaGateway gateway;

    @Inject
    ProviderHealth health;

    @Inject
    ResultStore results;

    @Inject
    PollSchedule schedule;

    @Inject
    @ConfigProperty(name = "wan.poller.not-found-grace-seconds", defaultValue = "600")
    long notFoundGraceSeconds;

    @Inject
    @ConfigProperty(name = "wan.poller.task-lifetime-hours", defaultValue = "24")
    long taskLifetimeHours;

    Clock clock = Clock.systemUTC();

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    /** How a poll failed, in the words the health page and the metrics count it by. */
    private static String kindOf(RuntimeException e) {
        if (e instanceof ProviderException.Unauthorized) {
            return "unauthorized";
        }
        if (e instanceof ProviderException.Transient) {
            return "server error";
        }
        if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return "timeout";
        }
        return e instanceof ProviderException ? "refused" : "other";
    }

    void poll(long id) {
        GenerationTask task = store.find(id).orElse(null);
        if (task == null || (task.getState() != TaskState.QUEUED && task.getState() != TaskState.PROCESSING)) {
            return;
        }
        Instant accepted = task.getAcceptedAt();
        Integer previousEta = task.getEtaSeconds();
        long started = System.nanoTime();
        try {
            ProviderTaskStatus status = gateway.poll(task.getProviderTaskId());
            Instant now = clock.instant();
            health.success(now, millisSince(started));
            apply(id, status, accepted, previousEta, now);
        } catch (ProviderException.RateLimited e) {
            Instant now = clock.instant();
            health.failure("rate limited", e.getMessage(), now, millisSince(started));
            store.update(id, t -> t.waitUntil(schedule.after(Duration.ofSeconds(e.retryAfterSeconds()), now), now));
        } catch (ProviderException.TaskNotFound e) {
            Instant now = clock.instant();
            if (accepted != null && accepted.plusSeconds(notFoundGraceSeconds).isBefore(now)) {
                store.update(id, t -> t.failed(ProviderMessages.LOST, now));
            } else {
                store.update(id, t -> t.retryLater(schedule.afterFailure(t.getPollFailures() + 1, now), now));
            }
        } catch (CircuitBreakerOpenException e) {
            Instant now = clock.instant();
            health.breakerOpen(now);
            store.update(id, t -> t.retryLater(schedule.afterFailure(t.getPollFailures() + 1, now), now));
        } catch (ProviderException | FaultToleranceException e) {
            Instant now = clock.instant();
            health.failure(kindOf(e), e.getMessage(), now, millisSince(started));
            if (e instanceof ProviderException.Unauthorized) {
                LOG.severe("Polling refused for the API key: " + e.getMessage() + " — check NOVITA_API_KEY");
            }
            failOrRetry(id, now);
        }
    }

    private void apply(long id, ProviderTaskStatus status, Instant accepted, Integer previousEta, Instant now) {
        switch (status.phase()) {
            case SUCCEEDED -> {
                Instant expires = status.videoUrlTtlSeconds() == null ? null
                        : now.plusSeconds(status.videoUrlTtlSeconds());
                store.update(id, t -> {
                    boolean changed = t.succeeded(status.videoUrl(), expires, now);
                    if (changed) {
                        t.seedUsed(status.seed());
                    }
                    return changed;
                });
            }
            case SUCCEEDED_WITHOUT_VIDEO -> store.update(id, t -> t.getPollFailures() + 1 >= MAX_POLLS_WITHOUT_VIDEO
                    ? t.failed(ProviderMessages.NO_VIDEO, now)
                    : t.retryLater(schedule.afterFailure(t.getPollFailures() + 1, now), now));
            case FAILED -> store.update(id, t -> t.failed(status.reason().isBlank()
                    ? "The provider failed the task without giving a reason." : status.reason(), now));
            case QUEUED, RUNNING, UNKNOWN -> {
                if (expired(accepted, now)) {
                    store.update(id, t -> t.failed(ProviderMessages.LOST, now));
                } else {
                    store.update(id, t -> t.progressed(status.phase() == ProviderTaskStatus.Phase.RUNNING,
                            status.progressPercent(), status.etaSeconds(),
                            schedule.afterProgress(status.etaSeconds(), previousEta, accepted, now), now));
                }
            }
        }
    }

    void download(long id) {
        GenerationTask task = store.find(id).orElse(null);
        if (task == null || task.getState() != TaskState.DOWNLOADING) {
            return;
        }
        try {
            var stored = results.download(URI.create(task.getResultUrl()), task.getOwner(), id);
            store.update(id, t -> t.stored(stored.videoPath(), stored.posterPath(), stored.sha256(), stored.bytes(),
                    clock.instant()));
        } catch (ResultLinkRefusedException e) {
            Instant now = clock.instant();
            store.update(id, t -> t.failed(ProviderMessages.LINK_EXPIRED + " (HTTP " + e.status() + ")", now));
        } catch (IOException | RuntimeException e) {
            Instant now = clock.instant();
            TaskLog.log(LOG, Level.WARNING, id, task.getProviderTaskId(), "download failed: " + e, null);
            Instant expires = task.getResultUrlExpires();
            if (expires != null && expires.isBefore(now)) {
                store.update(id, t -> t.failed(ProviderMessages.LINK_EXPIRED, now));
            } else if (task.getPollFailures() + 1 >= MAX_DOWNLOAD_FAILURES) {
                store.update(id, t -> t.failed("The finished video could not be downloaded after "
                        + MAX_DOWNLOAD_FAILURES + " attempts (" + e.getMessage() + ").", now));
            } else {
                store.update(id, t -> t.retryLater(schedule.afterFailure(t.getPollFailures() + 1, now), now));
            }
        }
    }

    private void failOrRetry(long id, Instant now) {
        store.update(id, t -> expired(t.getAcceptedAt(), now) ? t.failed(ProviderMessages.LOST, now)
                : t.retryLater(schedule.afterFailure(t.getPollFailures() + 1, now), now));
    }

    private boolean expired(Instant accepted, Instant now) {
        return accepted != null && accepted.plus(Duration.ofHours(taskLifetimeHours)).isBefore(now);
    }
}
