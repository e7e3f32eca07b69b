package io.wanstudio.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When to ask about a task next: soon after the provider's ETA when it gives one, backing off with the task's
 * age when it doesn't, and exponentially after failures; always within [min, max] and with ±15 % jitter so that
 * many tasks (and instances) do not poll in step.
 */
@ApplicationScoped
public class PollSchedule {
    @Inject
    @ConfigProperty(name = "wan.poller.min-interval-ms", defaultValue = "2000")
    long minMs;

    @Inject
    @ConfigProperty(name = "wan.poller.max-interval-ms", defaultValue = "30000")
    long maxMs;

    public PollSchedule() {
    }

    PollSchedule(long minMs, long maxMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    public Instant firstPoll(Instant now) {
        return now.plusMillis(jitter(minMs));
    }

    /** After a progress report: near the ETA if known, else a delay growing with the task's age. */
    public Instant afterProgress(Integer etaSeconds, Instant acceptedAt, Instant now) {
        long delay;
        if (etaSeconds != null && etaSeconds > 0) {
            delay = etaSeconds * 1000L * 3 / 4; // a little before the ETA, then again shortly after
        } else {
            long ageMs = acceptedAt == null ? 0 : Duration.between(acceptedAt, now).toMillis();
            delay = ageMs / 4;
        }
        return now.plusMillis(jitter(clamp(delay)));
    }

    /** After a failed poll or download: doubling with each failure in a row. */
    public Instant afterFailure(int failuresInRow, Instant now) {
        long delay = minMs << Math.min(failuresInRow, 16);
        return now.plusMillis(jitter(clamp(delay)));
    }

    /** When the provider says when: never sooner than that. */
    public Instant after(Duration wait, Instant now) {
        return now.plus(wait).plusMillis(ThreadLocalRandom.current().nextLong(0, Math.max(1, minMs / 2)));
    }

    private long clamp(long delayMs) {
        return Math.max(minMs, Math.min(maxMs, delayMs));
    }

    private static long jitter(long delayMs) {
        long spread = delayMs * 15 / 100;
        return delayMs + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    }
}
