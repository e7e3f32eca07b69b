package io.wanstudio.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per account and per client address, over a sliding window.
 *
 * <p>Per account: after {@code maxPerAccount} failures within the window, the account is refused for one minute,
 * then 2, 4, 8, up to 15 minutes for each further failure once a pause has passed; a stranger can keep the real
 * user out for minutes, never longer. A successful sign-in clears the account's failures. Per address: after
 * {@code maxPerAddress} failures within the window the address is refused until its oldest failure leaves the
 * window. Unknown usernames are counted like real ones, so the answers tell nothing about which accounts exist.
 *
 * <p>Kept in memory (ConcurrentHashMap): right for a single instance, and a restart forgets it. Several instances
 * behind a load balancer would need it in the database or a shared cache.
 */
public class SignInThrottle {
    static final Duration MAX_PAUSE = Duration.ofMinutes(15);
    /** Above this many tracked keys, expired entries are swept out on the next failure. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    public SignInThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long this account or address must wait before the next attempt is even checked; empty if not at all. */
    public Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        Failures byAccount = accounts.get(key(account));
        if (byAccount != null) {
            wait = max(wait, byAccount.accountPause(now));
        }
        Failures byAddress = address == null ? null : addresses.get(address);
        if (byAddress != null) {
            wait = max(wait, byAddress.addressPause(now));
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (accounts.size() > SWEEP_ABOVE || addresses.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        accounts.computeIfAbsent(key(account), k -> new Failures()).add(now);
        if (address != null) {
            addresses.computeIfAbsent(address, k -> new Failures()).add(now);
        }
    }

    /** The account's failures are forgotten; the address keeps its count (one success must not reset a scan). */
    public void succeeded(String account) {
        accounts.remove(key(account));
    }

    private void sweep(Instant now) {
        accounts.values().removeIf(f -> f.expired(now));
        addresses.values().removeIf(f -> f.expired(now));
    }

    private static String key(String account) {
        return Usernames.normalize(account);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The failure times of one key within the window, oldest first. */
    private final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();

        synchronized void add(Instant now) {
            prune(now);
            times.addLast(now);
        }

        synchronized Duration accountPause(Instant now) {
            prune(now);
            int beyond = times.size() - maxPerAccount;
            if (beyond < 0) {
                return Duration.ZERO;
            }
            Duration pause = Duration.ofMinutes(1L << Math.min(beyond, 4));
            pause = pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
            return Duration.between(now, times.peekLast().plus(pause));
        }

        synchronized Duration addressPause(Instant now) {
            prune(now);
            if (times.size() < maxPerAddress) {
                return Duration.ZERO;
            }
            // refused until enough failures have left the window to go below the limit again
            Instant nth = times.stream().skip(times.size() - maxPerAddress).findFirst().orElseThrow();
            return Duration.between(now, nth.plus(window));
        }

        synchronized boolean expired(Instant now) {
            prune(now);
            return times.isEmpty();
        }

        private void prune(Instant now) {
            Instant oldest = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
        }
    }
}
