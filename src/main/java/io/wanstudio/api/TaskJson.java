package io.wanstudio.api;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import java.math.BigDecimal;
import java.time.Instant;

/** A task as the JSON API shows it to its owner. Links to the files appear once the task is COMPLETED. */
public record TaskJson(long id, TaskState state, int progressPercent, Integer etaSeconds, String prompt,
        String negativePrompt, int durationSeconds, String resolution, BigDecimal costEstimate, String currency,
        String failureReason, Instant createdAt, Instant finishedAt, String providerTaskId, Links links,
        String videoSha256, Long videoBytes) {

    /** Absolute URLs of the task and, when it has them, of its video and poster. */
    public record Links(String self, String video, String poster) {
    }

    static TaskJson of(GenerationTask task, String selfUrl) {
        boolean done = task.getState() == TaskState.COMPLETED;
        var links = new Links(selfUrl, done && task.videoPath().isPresent() ? selfUrl + "/video" : null,
                done && task.posterPath().isPresent() ? selfUrl + "/poster" : null);
        Integer eta = task.getState().isFinal() ? null : task.getEtaSeconds(); // a finished task's last ETA is noise
        return new TaskJson(task.getId(), task.getState(), task.getProgressPercent(), eta,
                task.getPrompt(), task.getNegativePrompt(), task.getDurationSeconds(), task.getResolution(),
                task.getCostEstimate(), task.getCurrency(), task.getFailureReason(), task.getCreatedAt(),
                task.getFinishedAt(), task.getProviderTaskId(), links, done ? task.getVideoSha256() : null,
                done ? task.getVideoBytes() : null);
    }
}
