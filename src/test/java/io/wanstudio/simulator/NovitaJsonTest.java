package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class NovitaJsonTest {
    private static SimulatedTask task() {
        SimulatedTask task = new SimulatedTask();
        task.taskId = "0b7e4c52-2f34-4c4a-9d0e-3f1c2b5a6d7e";
        task.submittedAtMs = 1000;
        task.seed = 77;
        return task;
    }

    @Test
    void taskResultWhileProcessingHasNoVideo() {
        JsonObject json = NovitaJson.taskResult(task(),
                new TaskProgress(TaskProgress.PROCESSING, "", 4, 60, 3000, 0), null, 0);

        assertThat(json.keySet()).containsExactly("extra", "task", "videos", "images", "audios");
        JsonObject taskJson = json.getJsonObject("task");
        assertThat(taskJson.getString("task_id")).isEqualTo(task().taskId);
        assertThat(taskJson.getString("task_type")).isEqualTo("WAN_2_7_I2V");
        assertThat(taskJson.getString("status")).isEqualTo("TASK_STATUS_PROCESSING");
        assertThat(taskJson.getString("reason")).isEmpty();
        assertThat(taskJson.getInt("eta")).isEqualTo(4);
        assertThat(taskJson.getInt("progress_percent")).isEqualTo(60);
        assertThat(json.getJsonArray("videos")).isEmpty();
        assertThat(json.getJsonArray("images")).isEmpty();
        assertThat(json.getJsonArray("audios")).isEmpty();
        JsonObject extra = json.getJsonObject("extra");
        assertThat(extra.getString("seed")).isEqualTo("77");
        assertThat(extra.getBoolean("enable_nsfw_detection")).isFalse();
        assertThat(extra.getJsonObject("debug_info").getString("submit_time_ms")).isEqualTo("1000");
        assertThat(extra.getJsonObject("debug_info").getString("execute_time_ms")).isEqualTo("3000");
    }

    @Test
    void succeededTaskHasItsVideoWithTtlAsString() {
        JsonObject json = NovitaJson.taskResult(task(),
                new TaskProgress(TaskProgress.SUCCEED, "", 0, 100, 3000, 9000), "http://h/v.mp4?x=1", 3590);

        JsonObject video = json.getJsonArray("videos").getJsonObject(0);
        assertThat(video.getString("video_url")).isEqualTo("http://h/v.mp4?x=1");
        assertThat(video.getString("video_url_ttl")).isEqualTo("3590");
        assertThat(video.getString("video_type")).isEqualTo("mp4");
    }

    @Test
    void ttlCanBeSentAsANumberAsAFault() {
        JsonObject json = NovitaJson.taskResult(task(),
                new TaskProgress(TaskProgress.SUCCEED, "", 0, 100, 3000, 9000), "http://h/v.mp4?x=1", 3590, true);

        assertThat(json.getJsonArray("videos").getJsonObject(0).getJsonNumber("video_url_ttl").longValue())
                .isEqualTo(3590);
    }

    @Test
    void errorShape() {
        JsonObject json = NovitaJson.error(404, "TASK_NOT_FOUND", "Task not found");

        assertThat(json.toString()).isEqualTo(
                "{\"code\":404,\"reason\":\"TASK_NOT_FOUND\",\"message\":\"Task not found\",\"metadata\":{}}");
        assertThat(NovitaJson.taskId("abc").toString()).isEqualTo("{\"task_id\":\"abc\"}");
    }
}
