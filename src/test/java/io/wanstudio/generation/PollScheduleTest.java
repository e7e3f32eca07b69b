package io.wanstudio.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private final PollSchedule schedule = new PollSchedule(2000, 30000);
    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

    private long delayMs(Instant next) {
        return Duration.between(now, next).toMillis();
    }

    @RepeatedTest(20)
    void pollsShortlyBeforeTheEta() {
        long delay = delayMs(schedule.afterProgress(20, now.minusSeconds(5), now));
        // 3/4 of 20 s = 15 s, ±15 % jitter
        assertThat(delay).isBetween(12_750L, 17_250L);
    }

    @RepeatedTest(20)
    void staysWithinBounds() {
        assertThat(delayMs(schedule.afterProgress(1, now, now))).isBetween(1700L, 2300L);
        assertThat(delayMs(schedule.afterProgress(3600, now, now))).isBetween(25_500L, 34_500L);
        assertThat(delayMs(schedule.afterFailure(40, now))).isBetween(25_500L, 34_500L);
    }

    @Test
    void backsOffWithAgeWhenNoEtaIsGiven() {
        long young = delayMs(schedule.afterProgress(null, now.minusSeconds(10), now));
        long old = delayMs(schedule.afterProgress(null, now.minusSeconds(100), now));
        assertThat(young).isLessThan(old);
        assertThat(old).isBetween(21_250L, 28_750L); // 100 s / 4 = 25 s
    }

    @Test
    void doublesAfterEachFailure() {
        assertThat(delayMs(schedule.afterFailure(1, now))).isBetween(3400L, 4600L);
        assertThat(delayMs(schedule.afterFailure(2, now))).isBetween(6800L, 9200L);
    }

    @Test
    void neverSoonerThanRetryAfter() {
        assertThat(delayMs(schedule.after(Duration.ofSeconds(7), now))).isGreaterThanOrEqualTo(7000L);
    }
}
