package io.wanstudio.provider;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the provider has been behaving, as this instance saw it: last success, last failure, and whether the
 * circuit breaker of {@link NovitaGateway#poll} is open. For the admin and for tests; holds no secrets.
 */
@ApplicationScoped
public class ProviderHealth {
    /** Matches the breaker's delay in NovitaGateway: an opening seen within it means the breaker is open. */
    private static final Duration OPEN_WINDOW = Duration.ofSeconds(10);

    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastFailureMessage = new AtomicReference<>("");
    private final AtomicReference<Instant> lastBreakerOpen = new AtomicReference<>();
    private final AtomicLong breakerRejections = new AtomicLong();

    public void success(Instant now) {
        lastSuccess.set(now);
    }

    public void failure(String message, Instant now) {
        lastFailure.set(now);
        lastFailureMessage.set(message == null ? "" : NovitaResponses.excerpt(message));
    }

    /** A call was refused by the open breaker. */
    public void breakerOpen(Instant now) {
        lastBreakerOpen.set(now);
        breakerRejections.incrementAndGet();
    }

    public Snapshot snapshot(Instant now) {
        Instant open = lastBreakerOpen.get();
        boolean isOpen = open != null && open.plus(OPEN_WINDOW).isAfter(now)
                && (lastSuccess.get() == null || lastSuccess.get().isBefore(open));
        return new Snapshot(isOpen, open, breakerRejections.get(), lastSuccess.get(), lastFailure.get(),
                lastFailureMessage.get());
    }

    public record Snapshot(boolean breakerOpen, Instant lastBreakerOpen, long breakerRejections,
            Instant lastSuccess, Instant lastFailure, String lastFailureMessage) {
    }
}
