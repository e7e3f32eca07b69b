package io.wanstudio.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerationTaskTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private GenerationTask newTask() {
        var inputs = new TaskInputs("upload:abc", null, null, null, "a cat", null, 5, "720P", true, false, null);
        return GenerationTask.submitting("alice", null, inputs, new BigDecimal("0.25"), "USD", t0);
    }

    @Test
    void happyPathReachesCompleted() {
        var task = newTask();
        assertThat(task.getState()).isEqualTo(TaskState.SUBMITTING);
        assertThat(task.accepted("p-1", t0.plusSeconds(2), t0.plusSeconds(1))).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.QUEUED);
        assertThat(task.progressed(true, 40, 6, t0.plusSeconds(5), t0.plusSeconds(3))).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.PROCESSING);
        assertThat(task.getProgressPercent()).isEqualTo(40);
        assertThat(task.succeeded("http://x/v.mp4", t0.plusSeconds(3600), t0.plusSeconds(9))).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.DOWNLOADING);
        assertThat(task.stored("results/a/1/video.mp4", "results/a/1/poster.jpg", "ab", 10, t0.plusSeconds(10)))
                .isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.COMPLETED);
        assertThat(task.getFinishedAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(task.getNextPollAt()).isNull();
    }

    @Test
    void lateAndRepeatedEventsDoNoHarm() {
        var task = newTask();
        task.accepted("p-1", t0, t0);
        task.succeeded("http://x/v.mp4", null, t0.plusSeconds(5));
        // a late progress report and a second success change nothing
        assertThat(task.progressed(true, 10, 3, t0, t0.plusSeconds(6))).isFalse();
        assertThat(task.succeeded("http://other", null, t0.plusSeconds(7))).isFalse();
        assertThat(task.getResultUrl()).isEqualTo("http://x/v.mp4");
        task.stored("v", "p", "ab", 1, t0.plusSeconds(8));
        // a failure after completion is ignored; so is a second acceptance
        assertThat(task.failed("boom", t0.plusSeconds(9))).isFalse();
        assertThat(task.accepted("p-2", t0, t0)).isFalse();
        assertThat(task.getState()).isEqualTo(TaskState.COMPLETED);
        assertThat(task.getProviderTaskId()).isEqualTo("p-1");
    }

    @Test
    void progressNeverGoesBackwards() {
        var task = newTask();
        task.accepted("p-1", t0, t0);
        task.progressed(true, 60, 2, t0, t0);
        task.progressed(true, 30, 5, t0, t0);
        assertThat(task.getProgressPercent()).isEqualTo(60);
    }

    @Test
    void unknownSubmitOutcomeIsHeldForReviewAndNeverPolled() {
        var task = newTask();
        assertThat(task.submitOutcomeUnknown("timeout", t0)).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.NEEDS_REVIEW);
        assertThat(task.getState().isPolled()).isFalse();
        assertThat(task.refused("late refusal", t0)).isFalse();
        assertThat(task.getState()).isEqualTo(TaskState.NEEDS_REVIEW);
    }

    @Test
    void refusalOnlyAppliesWhileSubmitting() {
        var task = newTask();
        assertThat(task.refused("ILLEGAL_PROMPT", t0)).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.FAILED);
        assertThat(task.getFailureReason()).isEqualTo("ILLEGAL_PROMPT");
        assertThat(task.accepted("p-1", t0, t0)).isFalse();
    }

    @Test
    void failuresAreCountedForBackOffAndResetByProgress() {
        var task = newTask();
        task.accepted("p-1", t0, t0);
        task.retryLater(t0.plusSeconds(2), t0);
        task.retryLater(t0.plusSeconds(4), t0);
        assertThat(task.getPollFailures()).isEqualTo(2);
        task.progressed(false, 0, null, t0.plusSeconds(5), t0);
        assertThat(task.getPollFailures()).isZero();
    }

    @Test
    void aRateLimitWaitIsNoFailure() {
        var task = newTask();
        task.accepted("p-1", t0, t0);
        task.retryLater(t0.plusSeconds(2), t0);
        assertThat(task.waitUntil(t0.plusSeconds(30), t0)).isTrue();
        assertThat(task.getPollFailures()).isEqualTo(1);
        assertThat(task.getNextPollAt()).isEqualTo(t0.plusSeconds(30));
    }

    @Test
    void aReviewedTaskWithAProviderTaskIdIsPolledAtOnceAndCompletesNormally() {
        var task = newTask();
        task.submitOutcomeUnknown("connection closed", t0);
        assertThat(task.providerTaskFound("p-9", t0.plusSeconds(60))).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.QUEUED);
        assertThat(task.getProviderTaskId()).isEqualTo("p-9");
        assertThat(task.getFailureReason()).isNull();
        assertThat(task.getNextPollAt()).isEqualTo(t0.plusSeconds(60));
        // a second resolution (another admin, a second click) changes nothing
        assertThat(task.providerTaskFound("p-10", t0.plusSeconds(61))).isFalse();
        assertThat(task.reviewedAsNotCharged("bob", t0.plusSeconds(61))).isFalse();
        assertThat(task.succeeded("http://x/v.mp4", null, t0.plusSeconds(70))).isTrue();
        assertThat(task.stored("v", "p", "ab", 1, t0.plusSeconds(71))).isTrue();
        assertThat(task.getState()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void onlyATaskInReviewCanBeMarkedFailedOrResubmitted() {
        var running = newTask();
        running.accepted("p-1", t0, t0);
        assertThat(running.reviewedAsNotCharged("admin", t0)).isFalse();
        assertThat(running.resubmitting("admin", t0)).isFalse();
        assertThat(running.getState()).isEqualTo(TaskState.QUEUED);

        var failed = newTask();
        failed.submitOutcomeUnknown("timeout", t0);
        assertThat(failed.reviewedAsNotCharged("admin", t0.plusSeconds(1))).isTrue();
        assertThat(failed.getState()).isEqualTo(TaskState.FAILED);
        assertThat(failed.getFailureReason()).isEqualTo("Marked failed by admin: not charged.");
        assertThat(failed.resubmittedAs("Resubmitted by admin as #7.", t0)).isFalse();

        var resubmitted = newTask();
        resubmitted.submitOutcomeUnknown("timeout", t0);
        assertThat(resubmitted.resubmitting("admin", t0.plusSeconds(1))).isTrue();
        assertThat(resubmitted.resubmitting("admin", t0.plusSeconds(2))).isFalse();
        assertThat(resubmitted.resubmittedAs("Resubmitted by admin as #7.", t0.plusSeconds(3))).isTrue();
        assertThat(resubmitted.getState()).isEqualTo(TaskState.FAILED);
        assertThat(resubmitted.getFailureReason()).isEqualTo("Resubmitted by admin as #7.");
    }
}
