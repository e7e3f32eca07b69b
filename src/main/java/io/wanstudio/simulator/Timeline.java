package io.wanstudio.simulator;

/**
 * A task's status as a function of time since its submission, so that it needs no scheduler and survives
 * restarts: queued for {@code queuedSeconds}, then processing for {@code processingSeconds} with progress rising
 * to 99 %, then final. It succeeds only once its video file exists; a slower synthesis keeps it processing at
 * 99 %.
 */
final class Timeline {
    private Timeline() {
    }

    /** When the task is due to end by its timeline (it ends later only when its video is late). */
    static long plannedEndMs(SimulatedTask task) {
        return task.submittedAtMs + (task.queuedSeconds + (long) task.processingSeconds) * 1000L;
    }

    static TaskProgress at(SimulatedTask task, long nowMs) {
        long queuedEnd = task.submittedAtMs + task.queuedSeconds * 1000L;
        long processingEnd = plannedEndMs(task);
        if (nowMs < queuedEnd) {
            return new TaskProgress(TaskProgress.QUEUED, "", secondsUntil(processingEnd, nowMs), 0, 0, 0);
        }
        if (nowMs < processingEnd) {
            int percent = (int) Math.min(99, (nowMs - queuedEnd) * 100 / (processingEnd - queuedEnd));
            return new TaskProgress(TaskProgress.PROCESSING, "", secondsUntil(processingEnd, nowMs), percent,
                    queuedEnd, 0);
        }
        if (task.failReason != null) {
            return new TaskProgress(TaskProgress.FAILED, task.failReason, 0, 0, queuedEnd, processingEnd);
        }
        if (task.synthesisError != null) {
            return new TaskProgress(TaskProgress.FAILED, task.synthesisError, 0, 0, queuedEnd, processingEnd);
        }
        Long ready = task.videoReadyAtMs;
        if (ready == null) {
            // The video is late: keep the client polling, as a real service does near its estimate
            return new TaskProgress(TaskProgress.PROCESSING, "", 1, 99, queuedEnd, 0);
        }
        return new TaskProgress(TaskProgress.SUCCEED, "", 0, 100, queuedEnd, Math.max(processingEnd, ready));
    }

    /**
     * When the result link of a task completed at {@code completeTimeMs} expires: fixed at completion, like an
     * object-store URL generated once. Rounded up, so a link never lives shorter than its TTL; a TTL of 0 gives a
     * link that is dead from the start (tests of the expiry path rely on it).
     */
    static long linkExpiresEpochSeconds(SimulatedTask task, long completeTimeMs) {
        if (task.videoUrlTtlSeconds <= 0) {
            return Math.floorDiv(completeTimeMs, 1000);
        }
        return Math.floorDiv(completeTimeMs + 999, 1000) + task.videoUrlTtlSeconds;
    }

    private static int secondsUntil(long endMs, long nowMs) {
        return (int) Math.max(1, (endMs - nowMs + 999) / 1000);
    }
}
