package io.wanstudio.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** The JSON bodies Novita answers with (see NOVITA_API.md), built with JSON-P. */
final class NovitaJson {
    static final String TASK_TYPE = "WAN_2_7_I2V";

    private NovitaJson() {
    }

    /** {@code {"code":400,"reason":"…","message":"…","metadata":{}}} */
    static JsonObject error(int code, String reason, String message) {
        return Json.createObjectBuilder().add("code", code).add("reason", reason).add("message", message)
                .add("metadata", Json.createObjectBuilder()).build();
    }

    /** The submit answer, and nothing else in it. */
    static JsonObject taskId(String taskId) {
        return Json.createObjectBuilder().add("task_id", taskId).build();
    }

    /**
     * The task-result answer.
     *
     * @param videoUrl   the signed link, given only when the task succeeded
     * @param ttlSeconds the link's remaining lifetime (Novita sends it as a string)
     */
    static JsonObject taskResult(SimulatedTask task, TaskProgress progress, String videoUrl, long ttlSeconds) {
        return taskResult(task, progress, videoUrl, ttlSeconds, false);
    }

    /** The same, with {@code video_url_ttl} as a JSON number when {@code ttlAsNumber} (a fault). */
    static JsonObject taskResult(SimulatedTask task, TaskProgress progress, String videoUrl, long ttlSeconds,
            boolean ttlAsNumber) {
        JsonArrayBuilder videos = Json.createArrayBuilder();
        if (progress.succeeded() && videoUrl != null) {
            var video = Json.createObjectBuilder().add("video_url", videoUrl);
            if (ttlAsNumber) {
                video.add("video_url_ttl", ttlSeconds);
            } else {
                video.add("video_url_ttl", Long.toString(ttlSeconds));
            }
            videos.add(video.add("video_type", "mp4"));
        }
        return Json.createObjectBuilder()
                .add("extra", Json.createObjectBuilder()
                        .add("seed", Long.toString(task.seed))
                        .add("enable_nsfw_detection", false)
                        .add("debug_info", Json.createObjectBuilder()
                                .add("request_info", "")
                                .add("submit_time_ms", Long.toString(task.submittedAtMs))
                                .add("execute_time_ms", Long.toString(progress.executeTimeMs()))
                                .add("complete_time_ms", Long.toString(progress.completeTimeMs()))))
                .add("task", Json.createObjectBuilder()
                        .add("task_id", task.taskId)
                        .add("task_type", TASK_TYPE)
                        .add("status", progress.status())
                        .add("reason", progress.reason())
                        .add("eta", progress.etaSeconds())
                        .add("progress_percent", progress.progressPercent()))
                .add("videos", videos)
                .add("images", Json.createArrayBuilder())
                .add("audios", Json.createArrayBuilder())
                .build();
    }
}
