package io.wanstudio.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the task-result calls per task and notes when a task was first reported as succeeded, so that a
 * benchmark can tell what a polling schedule costs the provider (calls per task) and how late it notices a
 * finished task (first SUCCEED answer minus the task's completion time, both on the simulator's clock). In memory
 * only, like {@link SubmissionLedger}; {@code POST /simulator/_control/reset} clears it.
 */
@ApplicationScoped
public class PollLedger {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long total;

    private static final class Entry {
        int polls;
        long plannedEndMs;
        long completeTimeMs;
        long firstSucceedAnswerMs;
    }

    /** One task-result call for this task id (counted whatever its answer, faults included). */
    public synchronized void recordPoll(String taskId) {
        entries.computeIfAbsent(taskId, k -> new Entry()).polls++;
        total++;
    }

    /**
     * A task-result answer said SUCCEED; only the first one is kept. {@code plannedEndMs} is the end its timeline
     * set at submit; {@code completeTimeMs} is later when its video was late (the ETA was wrong by that much).
     */
    public synchronized void recordSucceedAnswer(String taskId, long plannedEndMs, long completeTimeMs,
            long answeredAtMs) {
        Entry entry = entries.computeIfAbsent(taskId, k -> new Entry());
        if (entry.firstSucceedAnswerMs == 0) {
            entry.plannedEndMs = plannedEndMs;
            entry.completeTimeMs = completeTimeMs;
            entry.firstSucceedAnswerMs = answeredAtMs;
        }
    }

    public synchronized void clear() {
        entries.clear();
        total = 0;
    }

    /**
     * {@code {"total":N,"tasks":[{"taskId","polls","plannedEndMs","completeTimeMs","firstSucceedAnswerMs"}]}} in
     * order of the first call; the times (epoch ms) are 0 until a SUCCEED answer was given.
     */
    public synchronized JsonObject toJson() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        entries.forEach((id, e) -> list.add(Json.createObjectBuilder().add("taskId", id).add("polls", e.polls)
                .add("plannedEndMs", e.plannedEndMs).add("completeTimeMs", e.completeTimeMs).add("firstSucceedAnswerMs", e.firstSucceedAnswerMs)));
        return Json.createObjectBuilder().add("total", total).add("tasks", list).build();
    }
}
