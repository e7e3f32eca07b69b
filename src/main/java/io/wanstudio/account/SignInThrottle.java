package io.wanstudio.account;

import io.wanstudio.account.FailureLog.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing, per account and per client address, over a sliding window.
 *
 * <p>Per account: after {@code maxPerAccount} failures within the window, the account is refused for one minute,
 * then 2, 4, 8, up to 15 minutes for each further failure once a pause has passed; a stranger can keep the real
 * user out for minutes, never longer. A successful sign-in clears the account's failures. Per address: after
 * {@code maxPerAddress} failures within the window the address is refused until its oldest failure leaves the
 * window. Unknown usernames are counted like real ones, so the answers tell nothing about which accounts exist.
 *
 * <p>The failures live in a {@link FailureLog}: the database in the studio, so that every instance behind a proxy
 * counts the same ones (a guesser gains nothing by being spread over instances) and a restart forgets nothing.
 */
public class SignInThrottle {
    static final Duration MAX_PAUSE = Duration.ofMinutes(15);
    /** Failures older than the window are removed on every this many-th failure. */
    private static final int SWEEP_EVERY = 100;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final FailureLog log;
    private final AtomicInteger failuresSinceSweep = new AtomicInteger();

    public SignInThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock, FailureLog log) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
        this.log = log;
    }

    /** How long this account or address must wait before the next attempt is even checked; empty if not at all. */
    public Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(window);
        Duration wait = accountPause(log.after(Kind.ACCOUNT, key(account), windowStart), now);
        if (address != null) {
            wait = max(wait, addressPause(log.after(Kind.ADDRESS, address, windowStart), now));
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failuresSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            failuresSinceSweep.set(0);
            log.forgetUpTo(now.minus(window));
        }
        log.add(Kind.ACCOUNT, key(account), now);
        if (address != null) {
            log.add(Kind.ADDRESS, address, now);
        }
    }

    /** The account's failures are forgotten; the address keeps its count (one success must not reset a scan). */
    public void succeeded(String account) {
        log.clear(Kind.ACCOUNT, key(account));
    }

    private Duration accountPause(List<Instant> times, Instant now) {
        int beyond = times.size() - maxPerAccount;
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration pause = Duration.ofMinutes(1L << Math.min(beyond, 4));
        pause = pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
        return Duration.between(now, times.get(times.size() - 1).plus(pause));
    }

    private Duration addressPause(List<Instant> times, Instant now) {
        if (times.size() < maxPerAddress) {
            return Duration.ZERO;
        }
        // refused until enough failures have left the window to go below the limit again
        Instant nth = times.get(times.size() - maxPerAddress);
        return Duration.between(now, nth.plus(window));
    }

    private static String key(String account) {
        return Usernames.normalize(account);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
