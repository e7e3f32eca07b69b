package io.wanstudio.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts submissions, keyed by the SHA-256 of the raw request body, so that a test can prove that a POST was
 * (or was not) sent twice, and how many of them got a task. Every POST with a valid key counts, whatever came
 * of it. In memory only: a restart, or {@code POST /simulator/_control/reset}, starts from zero.
 */
@ApplicationScoped
public class SubmissionLedger {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long total;

    /** Bodies larger than this are counted but not kept (a test reads back only ordinary requests). */
    private static final int KEPT_BODY_BYTES = 64 * 1024;

    private static final class Entry {
        final String prompt;
        final JsonObject request;
        int count;
        int accepted;
        final List<String> taskIds = new ArrayList<>();

        Entry(String prompt, JsonObject request) {
            this.prompt = prompt;
            this.request = request;
        }
    }

    /**
     * Counts one POST; {@code prompt} is the body's prompt when it had one (for finding it again), and the body
     * itself is kept when it is a small JSON object, so that a test can see exactly what arrived.
     */
    public synchronized void recordPost(String sha256, String prompt, byte[] body) {
        entries.computeIfAbsent(sha256, k -> new Entry(prompt, parse(body))).count++;
        total++;
    }

    private static JsonObject parse(byte[] body) {
        if (body == null || body.length > KEPT_BODY_BYTES) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * Marks that a POST with this body got a task, whether or not its answer reached the client (so a test can
     * follow a task whose id a fault swallowed).
     */
    public synchronized void recordAccepted(String sha256, String taskId) {
        Entry entry = entries.get(sha256);
        if (entry != null) {
            entry.accepted++;
            entry.taskIds.add(taskId);
        }
    }

    public synchronized void clear() {
        entries.clear();
        total = 0;
    }

    /**
     * {@code {"total":N,"count":C,"accepted":A,"submissions":[{"sha256","prompt","request","count","accepted","taskIds"}]}} in order of
     * first arrival; with {@code promptFilter}, only the bodies whose prompt equals it, and {@code count} /
     * {@code accepted} sum them: how many POSTs with that prompt arrived, and how many got a task (total stays
     * the grand total of POSTs).
     */
    public synchronized JsonObject toJson(Optional<String> promptFilter) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        int[] sums = new int[2];
        entries.forEach((sha, e) -> {
            if (promptFilter.isEmpty() || promptFilter.get().equals(e.prompt)) {
                sums[0] += e.count;
                sums[1] += e.accepted;
                JsonObjectBuilder item = Json.createObjectBuilder().add("sha256", sha);
                if (e.prompt == null) {
                    item.addNull("prompt");
                } else {
                    item.add("prompt", e.prompt);
                }
                if (e.request != null) {
                    item.add("request", e.request);
                }
                list.add(item.add("count", e.count).add("accepted", e.accepted)
                        .add("taskIds", Json.createArrayBuilder(e.taskIds)));
            }
        });
        return Json.createObjectBuilder().add("total", total).add("count", sums[0]).add("accepted", sums[1])
                .add("submissions", list).build();
    }
}
