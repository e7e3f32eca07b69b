package io.wanstudio.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private final PollSchedule schedule = new PollSchedule(2000, 30000, 500, 120_000, 0);
    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

    private long delayMs(Instant next) {
        return Duration.between(now, next).toMillis();
    }

    @RepeatedTest(20)
    void aimsJustBeforeTheEtaRunsOut() {
        // 20 s left in whole seconds: the task ends in (19, 20] s; aimed at 19.5 s with at most 0.25 s of jitter
        assertThat(delayMs(schedule.afterProgress(20, null, now.minusSeconds(5), now))).isBetween(19_500L, 19_750L);
        assertThat(delayMs(schedule.afterProgress(20, 25, now.minusSeconds(5), now))).isBetween(19_500L, 19_750L);
    }

    @RepeatedTest(20)
    void rechecksSoonWhenTheAimedPollWasJustEarly() {
        // The aimed poll came in the last second: the rest is at most the lead
        assertThat(delayMs(schedule.afterProgress(1, 20, now.minusSeconds(20), now))).isEqualTo(500L);
        // A first answer of "1 s left" may mean a whole second
        assertThat(delayMs(schedule.afterProgress(1, null, now.minusSeconds(2), now))).isEqualTo(1000L);
    }

    @RepeatedTest(20)
    void anEtaThatStopsShrinkingIsNotTrustedBelowTheMinInterval() {
        // Still "1 s left" after it ran out (a late result): back off with age, never faster than min
        assertThat(delayMs(schedule.afterProgress(1, 1, now.minusSeconds(40), now))).isBetween(8500L, 11_500L);
        assertThat(delayMs(schedule.afterProgress(2, 2, now.minusSeconds(3), now))).isBetween(1700L, 2300L);
    }

    @RepeatedTest(20)
    void approachesAFarEtaInMaxIntervalStepsWithoutPassingIt() {
        // Half an hour off: steps of the far-ETA cap (2 min), then halving, then the max interval
        assertThat(delayMs(schedule.afterProgress(1800, null, now, now))).isBetween(102_000L, 138_000L);
        // (100 s − lead) / 2 ± 15 %
        assertThat(delayMs(schedule.afterProgress(100, null, now, now))).isBetween(42_288L, 57_212L);
        assertThat(delayMs(schedule.afterProgress(50, null, now, now))).isBetween(25_500L, 34_500L);
        assertThat(delayMs(schedule.afterProgress(31, null, now, now))).isBetween(25_500L, 30_500L);
        assertThat(delayMs(schedule.afterFailure(40, now))).isBetween(25_500L, 34_500L);
    }

    @Test
    void backsOffWithAgeWhenNoEtaIsGiven() {
        long young = delayMs(schedule.afterProgress(null, null, now.minusSeconds(10), now));
        long old = delayMs(schedule.afterProgress(0, null, now.minusSeconds(100), now));
        assertThat(young).isLessThan(old);
        assertThat(young).isBetween(2125L, 2875L); // 10 s / 4
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

    @Test
    void aFixedIntervalIgnoresTheEta() {
        PollSchedule fixed = new PollSchedule(2000, 30000, 500, 2000);
        assertThat(delayMs(fixed.firstPoll(now))).isEqualTo(2000L);
        assertThat(delayMs(fixed.afterProgress(20, null, now, now))).isEqualTo(2000L);
        assertThat(delayMs(fixed.afterProgress(null, null, now, now))).isEqualTo(2000L);
    }

    /**
     * Tasks of 3–30 s against a provider whose ETA is the rest rounded up to whole seconds (as the simulator
     * gives it), in simulated time: each is asked at most 3 times and seen done within 1 s of its end, where
     * polling every 2 s asks up to 16 times.
     */
    @Test
    void aTaskOfKnownLengthCostsAtMostThreeCallsAndIsSeenWithinASecond() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            long lengthMs = 3000 + random.nextInt(27_001);
            Walk walk = walk(schedule, lengthMs);
            assertThat(walk.calls).as("calls for a task of %d ms", lengthMs).isLessThanOrEqualTo(3);
            assertThat(walk.lagMs).as("lag for a task of %d ms", lengthMs).isBetween(0L, 1000L);
        }
        Walk fixed = walk(new PollSchedule(2000, 30000, 500, 2000), 30_000);
        assertThat(fixed.calls).isEqualTo(15);
    }

    /**
     * Long tasks: approached by halving the distance (5 min: about 6 calls, where max-interval steps took 11;
     * 30 min: about 20 instead of 60), the last poll aimed at the end.
     */
    @Test
    void aLongTaskIsApproachedByHalvingTheDistance() {
        Walk five = walk(schedule, 300_000);
        assertThat(five.calls).isBetween(5, 8);
        assertThat(five.lagMs).isBetween(0L, 1000L);
        Walk thirty = walk(schedule, 1_800_000);
        assertThat(thirty.calls).isBetween(15, 25);
        assertThat(thirty.lagMs).isBetween(0L, 1000L);
    }

    private record Walk(int calls, long lagMs) {
    }

    private static Walk walk(PollSchedule schedule, long lengthMs) {
        Instant accepted = Instant.parse("2026-01-01T12:00:00Z");
        Instant at = schedule.firstPoll(accepted);
        Integer previousEta = null;
        for (int calls = 1; calls < 1000; calls++) {
            long elapsed = Duration.between(accepted, at).toMillis();
            if (elapsed >= lengthMs) {
                return new Walk(calls, elapsed - lengthMs);
            }
            int eta = (int) Math.max(1, (lengthMs - elapsed + 999) / 1000);
            at = schedule.afterProgress(eta, previousEta, accepted, at);
            previousEta = eta;
        }
        throw new AssertionError("never done");
    }
}
