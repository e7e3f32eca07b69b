package io.wanstudio.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When to ask about a task next. With an ETA from the provider it aims just before the ETA runs out (the ETA
 * comes in whole seconds, so the task ends somewhere in its last second: aiming {@code eta-lead-ms} early finds
 * it done about half the time and otherwise one short recheck later), so a task costs about two or three calls
 * and is seen done within a second. An ETA further off than the max interval is approached by halving the
 * distance, in steps between the max interval and {@code wan.poller.far-eta-max-interval-ms};
 * an ETA that stops shrinking near its end is not trusted (back-off by age instead); without an ETA the delay
 * grows with the task's age; after failures it doubles. Jitter keeps many tasks and instances out of step.
 * {@code wan.poller.fixed-interval-ms} replaces all this by a fixed interval (the baseline of
 * {@code bench/polling.sh}).
 */
@ApplicationScoped
public class PollSchedule {
    @Inject
    @ConfigProperty(name = "wan.poller.min-interval-ms", defaultValue = "2000")
    long minMs;

    @Inject
    @ConfigProperty(name = "wan.poller.max-interval-ms", defaultValue = "30000")
    long maxMs;

    @Inject
    @ConfigProperty(name = "wan.poller.eta-lead-ms", defaultValue = "500")
    long etaLeadMs;

    @Inject
    @ConfigProperty(name = "wan.poller.far-eta-max-interval-ms", defaultValue = "120000")
    long farEtaMaxMs;

    @Inject
    @ConfigProperty(name = "wan.poller.fixed-interval-ms", defaultValue = "0")
    long fixedMs;

    public PollSchedule() {
    }

    PollSchedule(long minMs, long maxMs, long etaLeadMs, long fixedMs) {
        this(minMs, maxMs, etaLeadMs, maxMs, fixedMs);
    }

    PollSchedule(long minMs, long maxMs, long etaLeadMs, long farEtaMaxMs, long fixedMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.farEtaMaxMs = farEtaMaxMs;
        this.etaLeadMs = etaLeadMs;
        this.fixedMs = fixedMs;
    }

    /** The first poll comes before any ETA is known (the submit answer has none). */
    public Instant firstPoll(Instant now) {
        return fixedMs > 0 ? now.plusMillis(fixedMs) : now.plusMillis(jitter(minMs));
    }

    /**
     * After a progress report.
     *
     * @param etaSeconds         the provider's ETA now (null or 0: none)
     * @param previousEtaSeconds the ETA of the poll before (null: none)
     */
    public Instant afterProgress(Integer etaSeconds, Integer previousEtaSeconds, Instant acceptedAt, Instant now) {
        if (fixedMs > 0) {
            return now.plusMillis(fixedMs);
        }
        if (etaSeconds != null && etaSeconds > 0) {
            boolean fresh = previousEtaSeconds == null || previousEtaSeconds <= 0;
            // A first "1 s left" may mean a whole second; after an aimed poll it means the lead at most
            long target = etaSeconds * 1000L - (fresh && etaSeconds == 1 ? 0 : etaLeadMs);
            if (target > maxMs) {
                // Far off: halve the distance, between the max interval and the far-ETA cap (the ETA may still
                // change; polling a task that needs half an hour every max interval is most of the poller's cost),
                // never past it
                long step = Math.max(maxMs, Math.min(farEtaMaxMs, target / 2));
                return now.plusMillis(Math.min(jitter(step), target));
            }
            if (fresh || etaSeconds < previousEtaSeconds || target >= minMs) {
                // Near the end: a small jitter, and only later (earlier could take one more recheck), so a
                // task that was not done yet is done after the lead
                long spread = Math.min(target * 15 / 100, etaLeadMs / 2);
                long delay = Math.max(etaLeadMs, target)
                        + (spread <= 0 || etaSeconds == 1 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1));
                return now.plusMillis(delay);
            }
            // The ETA ran out without the task ending (e.g. a late result): back off as without one, so a
            // provider stuck at "1 s left" is never asked faster than the min interval
        }
        long ageMs = acceptedAt == null ? 0 : Duration.between(acceptedAt, now).toMillis();
        return now.plusMillis(jitter(clamp(ageMs / 4)));
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
