package io.wanstudio.generation;

/**
 * The life of a generation task. SUBMITTING is written before the paid POST; NEEDS_REVIEW holds a task whose
 * submit may or may not have reached the provider (never resubmitted automatically).
 */
public enum TaskState {
    SUBMITTING, QUEUED, PROCESSING, DOWNLOADING, COMPLETED, FAILED, NEEDS_REVIEW;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }

    /** States in which the poller asks the provider (or downloads) on the task's behalf. */
    public boolean isPolled() {
        return this == QUEUED || this == PROCESSING || this == DOWNLOADING;
    }
}
