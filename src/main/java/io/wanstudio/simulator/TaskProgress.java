package io.wanstudio.simulator;

/**
 * Where a task stands at one moment, in Novita's terms.
 *
 * @param status          Novita's status name
 * @param reason          why it failed, else ""
 * @param etaSeconds      seconds to completion (0 once final)
 * @param progressPercent 0..100
 * @param executeTimeMs   when processing started, 0 before
 * @param completeTimeMs  when it reached its final status, 0 before
 */
public record TaskProgress(String status, String reason, int etaSeconds, int progressPercent, long executeTimeMs,
        long completeTimeMs) {
    public static final String QUEUED = "TASK_STATUS_QUEUED";
    public static final String PROCESSING = "TASK_STATUS_PROCESSING";
    public static final String SUCCEED = "TASK_STATUS_SUCCEED";
    public static final String FAILED = "TASK_STATUS_FAILED";

    public boolean succeeded() {
        return SUCCEED.equals(status);
    }
}
