package io.wanstudio.api;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.TaskState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as the JSON API shows it to its owner. Links to the files appear once the task is COMPLETED. */
@Schema(name = "Task", description = "A task as its owner sees it. Fields without a value are left out.",
        requiredProperties = {"id", "state", "progressPercent", "durationSeconds", "resolution", "costEstimate",
            "currency", "createdAt", "links"})
public record TaskJson(
        @Schema(type = SchemaType.INTEGER, format = "int64", example = "42")
        long id,
        @Schema(implementation = TaskState.class, type = SchemaType.STRING,
                description = "`SUBMITTING`: being sent to the provider. `QUEUED`, `PROCESSING`: the "
                        + "provider works on it. `DOWNLOADING`: done, the video is being copied into the studio. "
                        + "`COMPLETED`: the video and poster can be downloaded. `FAILED`: refused or failed, see "
                        + "`failureReason` (a submit the provider refused is not charged). `NEEDS_REVIEW`: the "
                        + "provider's answer to the submit was lost, so the task may exist and be charged there; it "
                        + "is never resent or polled by itself, an admin has to check it. Poll until `COMPLETED`, "
                        + "`FAILED` or `NEEDS_REVIEW`.")
        TaskState state,
        @Schema(description = "Progress as the provider reports it (may stay 0 until the end).", minimum = "0",
                maximum = "100")
        int progressPercent,
        @Schema(description = "Seconds to completion as the provider estimates it; left out when unknown or "
                + "final.")
        Integer etaSeconds,
        String prompt,
        String negativePrompt,
        @Schema(description = "Length of the video in seconds.")
        int durationSeconds,
        @Schema(enumeration = {"720P", "1080P"})
        String resolution,
        @Schema(description = "Price of the task: seconds × the admin's price per second of its resolution.",
                example = "0.25")
        BigDecimal costEstimate,
        @Schema(description = "Currency of `costEstimate`.", example = "USD")
        String currency,
        @Schema(description = "Why the task failed or needs review, in plain words.")
        String failureReason,
        @Schema(type = SchemaType.STRING, format = "date-time", example = "2026-11-30T03:08:05.807Z")
        Instant createdAt,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "When it reached a final state.")
        Instant finishedAt,
        @Schema(description = "The provider's task id, once the provider accepted the task.")
        String providerTaskId,
        Links links,
        @Schema(description = "SHA-256 (hex) of the video file; with `COMPLETED`.",
                example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        String videoSha256,
        @Schema(type = SchemaType.INTEGER, format = "int64", description = "Size of the video file in bytes; with "
                + "`COMPLETED`.")
        Long videoBytes,
        @Schema(description = "Marked as a favourite by its owner.")
        boolean favourite,
        @Schema(description = "The owner's tags on the task, sorted (lower case).", example = "[\"harbour\", "
                + "\"night\"]")
        List<String> tags,
        @Schema(type = SchemaType.INTEGER, format = "int64", description = "The task this one was made from (see "
                + "`lineage`); left out when it was made from scratch or its parent was deleted.")
        Long parentTaskId,
        @Schema(implementation = Lineage.class, type = SchemaType.STRING, description = "How it was made from "
                + "`parentTaskId`: `REMIX`, `EXTEND`, `RETRY`, or `STITCH` (an extension chain joined into one "
                + "film). Kept when the parent was deleted.")
        Lineage lineage,
        @Schema(description = "Only in the answer to a multipart submit, when the provider cannot fetch uploaded "
                + "files from where the studio hands them over (a real API key and a local-only public base URL, "
                + "no object store): what is wrong and what the admin should set. Such a task is likely to fail.")
        String warning) {

    /** The same task with a warning for whoever submitted it. */
    TaskJson withWarning(String text) {
        return new TaskJson(id, state, progressPercent, etaSeconds, prompt, negativePrompt, durationSeconds,
                resolution, costEstimate, currency, failureReason, createdAt, finishedAt, providerTaskId, links,
                videoSha256, videoBytes, favourite, tags, parentTaskId, lineage, text);
    }

    /** Absolute URLs of the task and, when it has them, of its video and poster. */
    @Schema(name = "TaskLinks", requiredProperties = "self")
    public record Links(
            @Schema(format = "uri", description = "This task (`GET` it to poll).",
                    example = "http://localhost:8080/api/v1/tasks/42")
            String self,
            @Schema(format = "uri", description = "The MP4 video, once `COMPLETED` (needs the token too).",
                    example = "http://localhost:8080/api/v1/tasks/42/video")
            String video,
            @Schema(format = "uri", description = "A JPEG poster frame, once `COMPLETED` (needs the token too).",
                    example = "http://localhost:8080/api/v1/tasks/42/poster")
            String poster) {
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
                done ? task.getVideoBytes() : null, task.isFavourite(), List.copyOf(task.getTags()),
                task.getParentTaskId(), task.getLineage(), null);
    }
}
