package io.wanstudio.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), clock,
            new InMemoryFailureLog());

    @Test
    void fiveFailuresPauseTheAccountForAMinuteAndTheNextFailuresForLonger() {
        failAccount("alice", 4);
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();

        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.2")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.waitBefore("ALICE ", "10.0.0.2")).as("case-insensitive").isPresent();
        assertThat(throttle.waitBefore("bob", "10.0.0.2")).as("other accounts are not affected").isEmpty();

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).hasValue(Duration.ofMinutes(2));
    }

    @Test
    void thePauseGrowsButNeverBeyondFifteenMinutes() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("alice", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(20));
        }
        assertThat(throttle.waitBefore("alice", null)).hasValueSatisfying(wait ->
                assertThat(wait).isLessThanOrEqualTo(SignInThrottle.MAX_PAUSE).isGreaterThan(Duration.ofMinutes(8)));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        failAccount("alice", 4);
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        failAccount("alice", 5);
        throttle.succeeded("alice");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressPauseItForAnyAccount() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "192.0.2.7");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.waitBefore("someone-new", "192.0.2.7")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(throttle.waitBefore("someone-new", "192.0.2.8")).isEmpty();

        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("someone-new", "192.0.2.7")).isEmpty();
    }

    @Test
    void unknownNamesAreCountedLikeRealOnes() {
        failAccount("no-such-user", 5);
        assertThat(throttle.waitBefore("no-such-user", "10.0.0.9")).isPresent();
    }

    private void failAccount(String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, "10.0.0.1");
        }
    }
}
