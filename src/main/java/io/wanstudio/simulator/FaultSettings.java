package io.wanstudio.simulator;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Map;

/**
 * Faults and timings of the simulator, as configured or as changed at run time through
 * {@code POST /simulator/_control/faults}. Timings are copied into each task when it is created, so a change
 * affects new tasks only. Every rate is a share of the matching requests (0..1), rolled independently.
 *
 * @param serverErrorRate      share of matching requests answered with 500 (Novita's JSON error), before any task
 * @param badGatewayRate       share answered with 502 and an HTML page, as a gateway does, before any task
 * @param gatewayTimeoutRate   share answered with 504 and an HTML page, before any task
 * @param rateLimitBurst       the next N matching requests get 429
 * @param retryAfterSeconds    the Retry-After of a 429 (and of an outage's 503)
 * @param outageSeconds        503 on every matching request for N seconds from when it was set
 * @param latencyMs            delay before answering a matching request
 * @param malformedRate        share of successful answers replaced by truncated JSON
 * @param errorAfterCreateRate submits only: share answered with 500 CREATE_TASK_FAILED although the task was
 *                             created (it exists, is counted as accepted, and later succeeds)
 * @param dropRate             submits only: share whose connection is closed, after the task was created, without
 *                             a single byte of answer
 * @param resetRate            submits only: share whose answer is cut: status line and headers with a
 *                             Content-Length larger than what follows, part of the body, then the connection closes
 * @param slowAnswerRate       submits only: share answered (normally) only after {@code slowAnswerMs}
 * @param slowAnswerMs         that delay; meant to exceed the client's read timeout
 * @param noVideoUrlRate       polls only: share of SUCCEED answers that carry no video
 * @param ttlAsNumber          polls only: {@code video_url_ttl} sent as a JSON number instead of Novita's string
 * @param scope                which endpoints the faults hit
 * @param videoUrlTtlSeconds   lifetime of a result link
 * @param queuedSeconds        how long a new task stays queued
 * @param processingSeconds    how long it then processes
 */
public record FaultSettings(double serverErrorRate, double badGatewayRate, double gatewayTimeoutRate,
        int rateLimitBurst, int retryAfterSeconds, int outageSeconds, long latencyMs, double malformedRate,
        double errorAfterCreateRate, double dropRate, double resetRate, double slowAnswerRate, long slowAnswerMs,
        double noVideoUrlRate, boolean ttlAsNumber, Scope scope, int videoUrlTtlSeconds, int queuedSeconds,
        int processingSeconds) {

    /** Which Novita endpoints faults hit; the result files are hit by latency only, and only under ALL. */
    public enum Scope {
        SUBMIT, POLL, ALL;

        static Scope parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("scope: must be \"submit\", \"poll\" or \"all\"");
            }
        }

        boolean covers(Endpoint endpoint) {
            return switch (this) {
                case ALL -> true;
                case SUBMIT -> endpoint == Endpoint.SUBMIT;
                case POLL -> endpoint == Endpoint.POLL;
            };
        }

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The endpoints that faults can hit. */
    public enum Endpoint {
        SUBMIT, POLL, FILES
    }

    public FaultSettings {
        requireRate("serverErrorRate", serverErrorRate);
        requireRate("badGatewayRate", badGatewayRate);
        requireRate("gatewayTimeoutRate", gatewayTimeoutRate);
        requireRate("malformedRate", malformedRate);
        requireRate("errorAfterCreateRate", errorAfterCreateRate);
        requireRate("dropRate", dropRate);
        requireRate("resetRate", resetRate);
        requireRate("slowAnswerRate", slowAnswerRate);
        requireRate("noVideoUrlRate", noVideoUrlRate);
        requireNonNegative("rateLimitBurst", rateLimitBurst);
        requireNonNegative("retryAfterSeconds", retryAfterSeconds);
        requireNonNegative("outageSeconds", outageSeconds);
        requireNonNegative("latencyMs", latencyMs);
        requireNonNegative("slowAnswerMs", slowAnswerMs);
        requireNonNegative("videoUrlTtlSeconds", videoUrlTtlSeconds);
        requireNonNegative("queuedSeconds", queuedSeconds);
        requireNonNegative("processingSeconds", processingSeconds);
        if (scope == null) {
            throw new IllegalArgumentException("scope: must be \"submit\", \"poll\" or \"all\"");
        }
    }

    /** The default delay of a slow answer: above the studio's default read timeout of 30 s. */
    public static final long DEFAULT_SLOW_ANSWER_MS = 95_000;

    /** No faults, the given timings. */
    public static FaultSettings none(int queuedSeconds, int processingSeconds, int videoUrlTtlSeconds) {
        return new FaultSettings(0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, DEFAULT_SLOW_ANSWER_MS, 0, false, Scope.ALL,
                videoUrlTtlSeconds, queuedSeconds, processingSeconds);
    }

    /**
     * These settings with the fields present in {@code patch} replaced. Unknown names and wrong types are refused
     * (a typo in a test must not silently test nothing); the message names the field.
     */
    public FaultSettings with(JsonObject patch) {
        JsonObject current = toJson().build();
        JsonObjectBuilder merged = Json.createObjectBuilder(current);
        for (Map.Entry<String, JsonValue> e : patch.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + ": unknown setting");
            }
            merged.add(e.getKey(), e.getValue());
        }
        return fromJson(merged.build());
    }

    /** All settings by their control names (the same names {@link #with} takes). */
    public JsonObjectBuilder toJson() {
        return Json.createObjectBuilder()
                .add("serverErrorRate", serverErrorRate)
                .add("badGatewayRate", badGatewayRate)
                .add("gatewayTimeoutRate", gatewayTimeoutRate)
                .add("rateLimitBurst", rateLimitBurst)
                .add("retryAfterSeconds", retryAfterSeconds)
                .add("outageSeconds", outageSeconds)
                .add("latencyMs", latencyMs)
                .add("malformedRate", malformedRate)
                .add("errorAfterCreateRate", errorAfterCreateRate)
                .add("dropRate", dropRate)
                .add("resetRate", resetRate)
                .add("slowAnswerRate", slowAnswerRate)
                .add("slowAnswerMs", slowAnswerMs)
                .add("noVideoUrlRate", noVideoUrlRate)
                .add("ttlAsNumber", ttlAsNumber)
                .add("scope", scope.json())
                .add("videoUrlTtlSeconds", videoUrlTtlSeconds)
                .add("queuedSeconds", queuedSeconds)
                .add("processingSeconds", processingSeconds);
    }

    private static FaultSettings fromJson(JsonObject json) {
        return new FaultSettings(
                number(json, "serverErrorRate"),
                number(json, "badGatewayRate"),
                number(json, "gatewayTimeoutRate"),
                integer(json, "rateLimitBurst"),
                integer(json, "retryAfterSeconds"),
                integer(json, "outageSeconds"),
                integer(json, "latencyMs"),
                number(json, "malformedRate"),
                number(json, "errorAfterCreateRate"),
                number(json, "dropRate"),
                number(json, "resetRate"),
                number(json, "slowAnswerRate"),
                integer(json, "slowAnswerMs"),
                number(json, "noVideoUrlRate"),
                bool(json, "ttlAsNumber"),
                Scope.parse(string(json, "scope")),
                integer(json, "videoUrlTtlSeconds"),
                integer(json, "queuedSeconds"),
                integer(json, "processingSeconds"));
    }

    private static double number(JsonObject json, String name) {
        if (json.get(name) instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(name + ": must be a number");
    }

    private static int integer(JsonObject json, String name) {
        if (json.get(name) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": is too large");
            }
        }
        throw new IllegalArgumentException(name + ": must be a whole number");
    }

    private static boolean bool(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value != null && value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new IllegalArgumentException(name + ": must be true or false");
    }

    private static String string(JsonObject json, String name) {
        if (json.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(name + ": must be a string");
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + ": must be between 0 and 1");
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": must not be negative");
        }
    }
}
