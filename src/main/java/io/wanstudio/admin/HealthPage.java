package io.wanstudio.admin;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.provider.ProviderHealth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin's provider health page ({@code /admin/health.xhtml}): which provider, the breaker, recent error rate
 * and latency, the last error (a summary, never a secret), errors by kind, and the tasks' queue.
 */
@Named
@RequestScoped
public class HealthPage {
    @Inject
    CurrentUser currentUser;

    @Inject
    ProviderHealth health;

    @Inject
    ProviderMode mode;

    @Inject
    TaskStore tasks;

    private final Instant now = Instant.now();
    private ProviderHealth.Snapshot snapshot;
    private ProviderHealth.Recent recent;
    private Map<TaskState, Long> counts;
    private GenerationTask oldest;

    /** View action: admins only (the container's constraint says so too). */
    public void load() throws IOException {
        if (!currentUser.isAdmin()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(403, "Admins only");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        snapshot = health.snapshot(now);
        recent = health.recent(now);
        counts = tasks.countsByState();
        oldest = tasks.oldestRunning().orElse(null);
    }

    public String getProvider() {
        return mode.describe();
    }

    public ProviderHealth.Snapshot getSnapshot() {
        return snapshot;
    }

    public ProviderHealth.Recent getRecent() {
        return recent;
    }

    /** "12 %" of the recent calls failed. */
    public String getErrorRate() {
        return recent == null || recent.calls() == 0 ? "–" : Math.round(recent.errorRate() * 100) + " %";
    }

    public List<Map.Entry<String, Long>> getErrorsByKind() {
        return List.copyOf(health.errorsByKind().entrySet());
    }

    /** Tasks per state, in the states' order, with zeros. */
    public List<Map.Entry<String, Long>> getQueue() {
        return java.util.Arrays.stream(TaskState.values())
                .map(state -> Map.entry(state.name(), counts == null ? 0L : counts.getOrDefault(state, 0L)))
                .toList();
    }

    public long getNeedsReview() {
        return counts == null ? 0 : counts.getOrDefault(TaskState.NEEDS_REVIEW, 0L);
    }

    public GenerationTask getOldest() {
        return oldest;
    }

    /** How long the oldest running task has been on its way: "3 min 4 s". */
    public String getOldestAge() {
        if (oldest == null) {
            return null;
        }
        long seconds = Duration.between(oldest.getCreatedAt(), now).toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** "4 s ago" for an instant of the health record; "never" for none. */
    public String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(at, now).toSeconds());
        return seconds < 90 ? seconds + " s ago" : seconds < 5400 ? Math.round(seconds / 60.0) + " min ago"
                : Math.round(seconds / 3600.0) + " h ago";
    }
}
