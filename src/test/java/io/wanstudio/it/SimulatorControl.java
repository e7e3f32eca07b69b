package io.wanstudio.it;

import jakarta.json.JsonObject;

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
