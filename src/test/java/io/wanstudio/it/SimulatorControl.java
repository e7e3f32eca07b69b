package io.wanstudio.it;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** The simulator's test switch: fault settings and the submission counters. */
public final class SimulatorControl {
    private final Http http;

    public SimulatorControl(Http http) {
        this.http = http;
    }

    /** Submissions the simulator received for a prompt: how many POSTs, and how many got a task id. */
    public record Count(int received, int accepted) {
    }

    public Count submissions(String prompt) {
        var response = http.get("/simulator/_control/submissions");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("control answered " + response.statusCode());
        }
        int received = 0;
        int accepted = 0;
        for (var entry : Http.json(response).getJsonArray("submissions").getValuesAs(JsonObject.class)) {
            if (prompt.equals(entry.getString("prompt", null))) {
                received += entry.getInt("count");
                accepted += entry.getInt("accepted");
            }
        }
        return new Count(received, accepted);
    }

    /** The body of the (last distinct) submission with this prompt, exactly as it reached the provider. */
    public JsonObject request(String prompt) {
        JsonObject found = null;
        for (var entry : Http.json(http.get("/simulator/_control/submissions")).getJsonArray("submissions")
                .getValuesAs(JsonObject.class)) {
            if (prompt.equals(entry.getString("prompt", null)) && entry.containsKey("request")) {
                found = entry.getJsonObject("request");
            }
        }
        if (found == null) {
            throw new IllegalStateException("No submission with the prompt " + prompt);
        }
        return found;
    }

    /** The id the simulator gave the task it made of this prompt: what an admin finds in the provider's console. */
    public String providerTaskIdOf(String prompt) {
        for (var entry : Http.json(http.get("/simulator/_control/submissions")).getJsonArray("submissions")
                .getValuesAs(JsonObject.class)) {
            if (prompt.equals(entry.getString("prompt", null)) && !entry.getJsonArray("taskIds").isEmpty()) {
                return entry.getJsonArray("taskIds").getValuesAs(JsonString.class).get(0).getString();
            }
        }
        throw new IllegalStateException("The simulator made no task of " + prompt);
    }

    /**
     * A task of the user (through {@code userApi}) whose submit reached the simulator, which made a task, but whose
     * answer was lost: it is in NEEDS_REVIEW. Submits are dropped from here on, until the faults are reset.
     */
    public long taskInReview(Http userApi, String prompt) {
        faults("{\"scope\":\"submit\",\"dropRate\":1}");
        var created = userApi.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270))
                .field("prompt", prompt).field("durationSeconds", "2").field("resolution", "720P"));
        JsonObject task = created.statusCode() == 201 ? Http.json(created) : null;
        if (task == null || !"NEEDS_REVIEW".equals(task.getString("state"))) {
            throw new IllegalStateException("Expected a task in review: " + created.statusCode() + " "
                    + created.body());
        }
        return task.getJsonNumber("id").longValue();
    }

    public void faults(String json) {
        var response = http.postJson("/simulator/_control/faults", json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("faults refused: " + response.statusCode() + " " + response.body());
        }
    }

    public void reset() {
        var response = http.postJson("/simulator/_control/reset", "{}");
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("reset refused: " + response.statusCode() + " " + response.body());
        }
    }
}
