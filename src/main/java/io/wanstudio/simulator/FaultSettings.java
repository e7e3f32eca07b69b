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
 * affects new tasks only.
 *
 * @param serverErrorRate    share of matching requests answered with 500 (0..1)
 * @param rateLimitBurst     the next N matching requests get 429
 * @param retryAfterSeconds  the Retry-After of a 429 (and of an outage's 503)
 * @param outageSeconds      503 on every matching request for N seconds from when it was set
 * @param latencyMs          delay before answering a matching request
 * @param malformedRate      share of successful answers replaced by truncated JSON (0..1)
 * @param scope              which endpoints the faults hit
 * @param videoUrlTtlSeconds lifetime of a result link
 * @param queuedSeconds      how long a new task stays queued
 * @param processingSeconds  how long it then processes
 */
public record FaultSettings(double serverErrorRate, int rateLimitBurst, int retryAfterSeconds, int outageSeconds,
        long latencyMs, double malformedRate, Scope scope, int videoUrlTtlSeconds, int queuedSeconds,
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
        requireRate("malformedRate", malformedRate);
        requireNonNegative("rateLimitBurst", rateLimitBurst);
        requireNonNegative("retryAfterSeconds", retryAfterSeconds);
        requireNonNegative("outageSeconds", outageSeconds);
        requireNonNegative("latencyMs", latencyMs);
        requireNonNegative("videoUrlTtlSeconds", videoUrlTtlSeconds);
        requireNonNegative("queuedSeconds", queuedSeconds);
        requireNonNegative("processingSeconds", processingSeconds);
        if (scope == null) {
            throw new IllegalArgumentException("scope: must be \"submit\", \"poll\" or \"all\"");
        }
    }

    /** No faults, the given timings. */
    public static FaultSettings none(int queuedSeconds, int processingSeconds, int videoUrlTtlSeconds) {
        return new FaultSettings(0, 0, 2, 0, 0, 0, Scope.ALL, videoUrlTtlSeconds, queuedSeconds, processingSeconds);
    }

    /**
     * These settings with the fields present in {@code patch} replaced. Unknown names and wrong types are refused
     * (a typo in a test must not silently test nothing); the message names the field.
     */
    public FaultSettings with(JsonObject patch) {
        double errorRate = serverErrorRate;
        int burst = rateLimitBurst;
        int retryAfter = retryAfterSeconds;
        int outage = outageSeconds;
        long latency = latencyMs;
        double malformed = malformedRate;
        Scope newScope = scope;
        int ttl = videoUrlTtlSeconds;
        int queued = queuedSeconds;
        int processing = processingSeconds;
        for (Map.Entry<String, JsonValue> e : patch.entrySet()) {
            String name = e.getKey();
            JsonValue value = e.getValue();
            switch (name) {
                case "serverErrorRate" -> errorRate = number(name, value);
                case "rateLimitBurst" -> burst = integer(name, value);
                case "retryAfterSeconds" -> retryAfter = integer(name, value);
                case "outageSeconds" -> outage = integer(name, value);
                case "latencyMs" -> latency = integer(name, value);
                case "malformedRate" -> malformed = number(name, value);
                case "scope" -> newScope = Scope.parse(string(name, value));
                case "videoUrlTtlSeconds" -> ttl = integer(name, value);
                case "queuedSeconds" -> queued = integer(name, value);
                case "processingSeconds" -> processing = integer(name, value);
                default -> throw new IllegalArgumentException(name + ": unknown setting");
            }
        }
        return new FaultSettings(errorRate, burst, retryAfter, outage, latency, malformed, newScope, ttl, queued,
                processing);
    }

    public JsonObjectBuilder toJson() {
        return Json.createObjectBuilder()
                .add("serverErrorRate", serverErrorRate)
                .add("rateLimitBurst", rateLimitBurst)
                .add("retryAfterSeconds", retryAfterSeconds)
                .add("outageSeconds", outageSeconds)
                .add("latencyMs", latencyMs)
                .add("malformedRate", malformedRate)
                .add("scope", scope.json())
                .add("videoUrlTtlSeconds", videoUrlTtlSeconds)
                .add("queuedSeconds", queuedSeconds)
                .add("processingSeconds", processingSeconds);
    }

    private static double number(String name, JsonValue value) {
        if (value instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(name + ": must be a number");
    }

    private static int integer(String name, JsonValue value) {
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": is too large");
            }
        }
        throw new IllegalArgumentException(name + ": must be a whole number");
    }

    private static String string(String name, JsonValue value) {
        if (value instanceof JsonString s) {
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
