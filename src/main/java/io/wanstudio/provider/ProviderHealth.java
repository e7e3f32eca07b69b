package io.wanstudio.provider;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the provider has been behaving, as this instance saw it: last success, last failure, whether the circuit
 * breaker of {@link NovitaGateway#poll} is open, and the calls of the last minutes (error rate, latency), with
 * errors counted by kind. For the admin, health checks and metrics; holds no secrets.
 */
@ApplicationScoped
public class ProviderHealth {
    /** Matches the breaker's delay in NovitaGateway: an opening seen within it means the breaker is open. */
    private static final Duration OPEN_WINDOW = Duration.ofSeconds(10);
    /** How far back "recent" reaches. */
    static final Duration RECENT = Duration.ofMinutes(5);
    private static final int MAX_RECENT_CALLS = 2000;

    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastFailureMessage = new AtomicReference<>("");
    private final AtomicReference<Instant> lastBreakerOpen = new AtomicReference<>();
    private final AtomicLong breakerRejections = new AtomicLong();
    private final Map<String, AtomicLong> errorsByKind = new ConcurrentHashMap<>();
    private final Deque<Call> recent = new ArrayDeque<>();

    private record Call(Instant at, boolean ok, long millis) {
    }

    public void success(Instant now) {
        success(now, -1);
    }

    /** A call answered; {@code millis} is how long it took (negative: not measured). */
    public void success(Instant now, long millis) {
        lastSuccess.set(now);
        remember(new Call(now, true, millis));
    }

    public void failure(String message, Instant now) {
        failure("other", message, now, -1);
    }

    /** A call failed; {@code kind} says how ("rate limited", "server error", "timeout", ...), for counting. */
    public void failure(String kind, String message, Instant now, long millis) {
        lastFailure.set(now);
        lastFailureMessage.set(message == null ? "" : NovitaResponses.excerpt(message));
        errorsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        remember(new Call(now, false, millis));
    }

    /** A call was refused by the open breaker. */
    public void breakerOpen(Instant now) {
        lastBreakerOpen.set(now);
        breakerRejections.incrementAndGet();
        errorsByKind.computeIfAbsent("breaker open", k -> new AtomicLong()).incrementAndGet();
    }

    private synchronized void remember(Call call) {
        recent.addLast(call);
        while (recent.size() > MAX_RECENT_CALLS) {
            recent.removeFirst();
        }
    }

    public Snapshot snapshot(Instant now) {
        Instant open = lastBreakerOpen.get();
        boolean isOpen = open != null && open.plus(OPEN_WINDOW).isAfter(now)
                && (lastSuccess.get() == null || lastSuccess.get().isBefore(open));
        return new Snapshot(isOpen, open, breakerRejections.get(), lastSuccess.get(), lastFailure.get(),
                lastFailureMessage.get());
    }

    /** The calls of the last {@link #RECENT}: how many, how many failed, and how long they took. */
    public synchronized Recent recent(Instant now) {
        Instant since = now.minus(RECENT);
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(since)) {
            recent.removeFirst();
        }
        int calls = recent.size();
        int errors = (int) recent.stream().filter(c -> !c.ok()).count();
        long[] times = recent.stream().mapToLong(Call::millis).filter(ms -> ms >= 0).sorted().toArray();
        Long median = times.length == 0 ? null : times[times.length / 2];
        Long p95 = times.length == 0 ? null : times[Math.min(times.length - 1, (int) Math.ceil(times.length * .95) - 1)];
        return new Recent(calls, errors, median, p95);
    }

    /** Errors since the start, by kind, sorted by kind. */
    public Map<String, Long> errorsByKind() {
        Map<String, Long> counts = new TreeMap<>();
        errorsByKind.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    public record Snapshot(boolean breakerOpen, Instant lastBreakerOpen, long breakerRejections,
            Instant lastSuccess, Instant lastFailure, String lastFailureMessage) {
    }

    /** @param calls calls in the window; @param errors of them failed; latencies in ms, null when none measured */
    public record Recent(int calls, int errors, Long medianMillis, Long p95Millis) {
        public double errorRate() {
            return calls == 0 ? 0 : errors / (double) calls;
        }
    }
}
