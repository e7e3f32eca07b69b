package io.wanstudio.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
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

    private static final class Entry {
        final String prompt;
        int count;
        int accepted;

        Entry(String prompt) {
            this.prompt = prompt;
        }
    }

    /** Counts one POST; {@code prompt} is the body's prompt when it had one (for finding it again). */
    public synchronized void recordPost(String sha256, String prompt) {
        entries.computeIfAbsent(sha256, k -> new Entry(prompt)).count++;
        total++;
    }

    /** Marks that a POST with this body got a task_id. */
    public synchronized void recordAccepted(String sha256) {
        Entry entry = entries.get(sha256);
        if (entry != null) {
            entry.accepted++;
        }
    }

    public synchronized void clear() {
        entries.clear();
        total = 0;
    }

    /**
     * {@code {"total":N,"submissions":[{"sha256","prompt","count","accepted"}]}} in order of first arrival;
     * with {@code promptFilter}, only the bodies whose prompt equals it (total stays the grand total).
     */
    public synchronized JsonObject toJson(Optional<String> promptFilter) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        entries.forEach((sha, e) -> {
            if (promptFilter.isEmpty() || promptFilter.get().equals(e.prompt)) {
                JsonObjectBuilder item = Json.createObjectBuilder().add("sha256", sha);
                if (e.prompt == null) {
                    item.addNull("prompt");
                } else {
                    item.add("prompt", e.prompt);
                }
                list.add(item.add("count", e.count).add("accepted", e.accepted));
            }
        });
        return Json.createObjectBuilder().add("total", total).add("submissions", list).build();
    }
}
