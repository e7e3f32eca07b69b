package io.wanstudio.provider;

import io.wanstudio.provider.ProviderTaskStatus.Phase;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Reads Novita's answers leniently: numbers may come as strings ({@code video_url_ttl}), fields may be missing,
 * error bodies may be absent or not JSON. The only place that knows Novita's JSON shapes of answers.
 */
final class NovitaResponses {
    private static final Logger LOG = Logger.getLogger(NovitaResponses.class.getName());
    private static final Set<String> UNKNOWN_STATUSES_SEEN = ConcurrentHashMap.newKeySet();
    private static final int RAW_TEXT_LIMIT = 500;
    static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    private NovitaResponses() {
    }

    /** The task id of a successful submit, or empty when the body has none. */
    static Optional<String> taskId(String body) {
        return parse(body).map(o -> string(o, "task_id")).filter(id -> !id.isBlank());
    }

    /** A task-result body in our terms; throws {@link ProviderException.Transient} when it is unreadable. */
    static ProviderTaskStatus taskStatus(String body) {
        JsonObject root = parse(body)
                .orElseThrow(() -> new ProviderException.Transient("Unreadable task result: " + excerpt(body)));
        JsonObject task = object(root, "task")
                .orElseThrow(() -> new ProviderException.Transient("Task result without a task: " + excerpt(body)));
        String status = string(task, "status");
        Phase phase = phase(status);
        String videoUrl = null;
        Long ttl = null;
        if (root.get("videos") instanceof jakarta.json.JsonArray videos && !videos.isEmpty()
                && videos.get(0) instanceof JsonObject video) {
            videoUrl = Optional.ofNullable(string(video, "video_url")).filter(u -> !u.isBlank()).orElse(null);
            ttl = number(video, "video_url_ttl").map(Double::longValue).orElse(null);
        }
        if (phase == Phase.SUCCEEDED && videoUrl == null) {
            phase = Phase.SUCCEEDED_WITHOUT_VIDEO;
        }
        Integer eta = number(task, "eta").map(Double::intValue).filter(e -> e > 0).orElse(null);
        int progress = number(task, "progress_percent").map(Double::intValue).orElse(0);
        // extra.seed comes as a string in Novita's examples; a number is read too
        Long seed = object(root, "extra").flatMap(extra -> number(extra, "seed")).map(Double::longValue)
                .orElse(null);
        return new ProviderTaskStatus(phase, Math.max(0, Math.min(100, progress)), eta,
                Optional.ofNullable(string(task, "reason")).orElse(""), videoUrl, ttl, seed);
    }

    static Phase phase(String status) {
        if (status == null) {
            status = "";
        }
        switch (status) {
            case "TASK_STATUS_QUEUED":
                return Phase.QUEUED;
            case "TASK_STATUS_PROCESSING":
                return Phase.RUNNING;
            case "TASK_STATUS_SUCCEED":
                return Phase.SUCCEEDED;
            case "TASK_STATUS_FAILED":
                return Phase.FAILED;
            default:
                if (UNKNOWN_STATUSES_SEEN.add(status)) {
                    LOG.warning("Provider reported an unknown task status '" + excerpt(status)
                            + "'; treating it as not final");
                }
                return Phase.UNKNOWN;
        }
    }

    /** Turns a non-2xx answer into our exception, for a submit ({@code submit=true}) or a poll. */
    static ProviderException error(int status, String body, String retryAfterHeader, boolean submit) {
        Optional<JsonObject> json = parse(body);
        if (json.isEmpty() && body != null && !body.isBlank()) {
            // Not Novita's JSON (a gateway's HTML page, a proxy's text): people get a summary, the log the text.
            LOG.warning(() -> "Provider answered HTTP " + status + " with a body that is not Novita's JSON: "
                    + excerpt(body));
        }
        String reason = json.map(o -> string(o, "reason")).orElse("");
        String message = json.map(o -> string(o, "message")).filter(m -> m != null && !m.isBlank()).orElse("");
        String said = "HTTP " + status + (reason.isBlank() ? "" : " " + reason)
                + (json.isEmpty() ? " with " + kindOfBody(body) : message.isBlank() ? "" : ": " + message);
        if (status == 429) {
            return new ProviderException.RateLimited(retryAfterSeconds(retryAfterHeader));
        }
        if (status == 401 || status == 403 || "MISSING_API_KEY".equals(reason)) {
            return new ProviderException.Unauthorized("The provider refused our API key (" + said + ")");
        }
        if (status == 404 && "TASK_NOT_FOUND".equals(reason)) {
            return new ProviderException.TaskNotFound("The provider does not know this task (" + said + ")");
        }
        if (status >= 400 && status < 500) {
            return submit ? new ProviderException.Refused(reason, json.isPresent() ? message
                    : "The provider answered " + said + ".")
                    : new ProviderException.Transient("Task result refused: " + said);
        }
        return submit ? new ProviderException.OutcomeUnknown("the provider answered " + said, null)
                : new ProviderException.Transient("The provider answered " + said);
    }

    /** What a body that is not Novita's JSON looks like, in words: never the body itself. */
    static String kindOfBody(String body) {
        if (body == null || body.isBlank()) {
            return "an empty answer";
        }
        String start = body.stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.contains("<body")) {
            return "an HTML page";
        }
        return start.startsWith("{") || start.startsWith("[") ? "JSON it could not read" : "a text that is not JSON";
    }

    /** Retry-After in seconds or as an HTTP date; a sane default when absent or unreadable. */
    static long retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                var when = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(1, Duration.between(ZonedDateTime.now(when.getZone()), when).toSeconds());
            } catch (RuntimeException notDate) {
                return DEFAULT_RETRY_AFTER_SECONDS;
            }
        }
    }

    /** Raw text for logs and admins: shortened, single line. */
    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= RAW_TEXT_LIMIT ? line : line.substring(0, RAW_TEXT_LIMIT) + "…";
    }

    private static Optional<JsonObject> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<JsonObject> object(JsonObject o, String key) {
        return o.get(key) instanceof JsonObject child ? Optional.of(child) : Optional.empty();
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        return v == null || v == JsonValue.NULL ? null : v.toString();
    }

    /** A number that may also come as a numeric string ("3600"). */
    private static Optional<Double> number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof JsonString s) {
            try {
                return Optional.of(Double.parseDouble(s.getString().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
