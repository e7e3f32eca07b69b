package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final long SUBMITTED = 1_700_000_000_000L;

    private static SimulatedTask task() {
        SimulatedTask task = new SimulatedTask();
        task.taskId = "0b7e4c52-2f34-4c4a-9d0e-3f1c2b5a6d7e";
        task.submittedAtMs = SUBMITTED;
        task.queuedSeconds = 2;
        task.processingSeconds = 10;
        task.videoUrlTtlSeconds = 3600;
        return task;
    }

    private static TaskProgress at(SimulatedTask task, double seconds) {
        return Timeline.at(task, SUBMITTED + (long) (seconds * 1000));
    }

    @Test
    void queuedFirst() {
        TaskProgress progress = at(task(), 0);

        assertThat(progress.status()).isEqualTo(TaskProgress.QUEUED);
        assertThat(progress.progressPercent()).isZero();
        assertThat(progress.etaSeconds()).isEqualTo(12);
        assertThat(progress.reason()).isEmpty();
        assertThat(progress.executeTimeMs()).isZero();
        assertThat(at(task(), 1.999).status()).isEqualTo(TaskProgress.QUEUED);
    }

    @Test
    void thenProcessingWithRisingProgressAndFallingEta() {
        SimulatedTask task = task();

        TaskProgress start = at(task, 2);
        TaskProgress middle = at(task, 7);
        TaskProgress late = at(task, 11.95);

        assertThat(start.status()).isEqualTo(TaskProgress.PROCESSING);
        assertThat(start.progressPercent()).isZero();
        assertThat(start.etaSeconds()).isEqualTo(10);
        assertThat(start.executeTimeMs()).isEqualTo(SUBMITTED + 2000);
        assertThat(middle.progressPercent()).isEqualTo(50);
        assertThat(middle.etaSeconds()).isEqualTo(5);
        assertThat(late.progressPercent()).isEqualTo(99);
        assertThat(late.etaSeconds()).isEqualTo(1);
    }

    @Test
    void succeedsOnTimeWhenTheVideoIsReady() {
        SimulatedTask task = task();
        task.videoReadyAtMs = SUBMITTED + 5000;

        TaskProgress done = at(task, 12);

        assertThat(done.status()).isEqualTo(TaskProgress.SUCCEED);
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(done.etaSeconds()).isZero();
        assertThat(done.completeTimeMs()).isEqualTo(SUBMITTED + 12_000);
        assertThat(at(task, 11).status()).isEqualTo(TaskProgress.PROCESSING);
    }

    @Test
    void aLateVideoKeepsItProcessingAt99ThenCompletesWhenReady() {
        SimulatedTask task = task();

        TaskProgress waiting = at(task, 30);
        task.videoReadyAtMs = SUBMITTED + 31_000;
        TaskProgress done = at(task, 40);

        assertThat(waiting.status()).isEqualTo(TaskProgress.PROCESSING);
        assertThat(waiting.progressPercent()).isEqualTo(99);
        assertThat(done.status()).isEqualTo(TaskProgress.SUCCEED);
        assertThat(done.completeTimeMs()).isEqualTo(SUBMITTED + 31_000);
    }

    @Test
    void failsWithTheAskedReasonAfterProcessing() {
        SimulatedTask task = task();
        task.failReason = "GPU on fire";

        assertThat(at(task, 11).status()).isEqualTo(TaskProgress.PROCESSING);
        TaskProgress failed = at(task, 12);
        assertThat(failed.status()).isEqualTo(TaskProgress.FAILED);
        assertThat(failed.reason()).isEqualTo("GPU on fire");
        assertThat(failed.completeTimeMs()).isEqualTo(SUBMITTED + 12_000);
    }

    @Test
    void aVideoThatCouldNotBeMadeFailsTheTask() {
        SimulatedTask task = task();
        task.synthesisError = "The simulator could not render the video";

        assertThat(at(task, 13).status()).isEqualTo(TaskProgress.FAILED);
        assertThat(at(task, 13).reason()).isEqualTo(task.synthesisError);
    }

    @Test
    void zeroTimingsSucceedAsSoonAsTheVideoIsThere() {
        SimulatedTask task = task();
        task.queuedSeconds = 0;
        task.processingSeconds = 0;

        assertThat(at(task, 0).status()).isEqualTo(TaskProgress.PROCESSING);
        task.videoReadyAtMs = SUBMITTED + 800;
        assertThat(at(task, 1).status()).isEqualTo(TaskProgress.SUCCEED);
    }

    @Test
    void linkExpiryIsFixedAtCompletion() {
        SimulatedTask task = task();

        assertThat(Timeline.linkExpiresEpochSeconds(task, SUBMITTED + 12_000))
                .isEqualTo(SUBMITTED / 1000 + 12 + 3600);
        assertThat(Timeline.linkExpiresEpochSeconds(task, SUBMITTED + 12_001))
                .isEqualTo(SUBMITTED / 1000 + 13 + 3600);
    }
}
