package io.wanstudio.simulator;

/**
 * An answer in Novita's error shape ({@code {"code","reason","message","metadata"}}): thrown where a request is
 * refused, written by the servlet. A control-flow exception, so it carries no stack trace.
 */
public class SimulatorRefusal extends Exception {
    private final int status;
    private final String reason;
    private final int retryAfterSeconds;

    public SimulatorRefusal(int status, String reason, String message) {
        this(status, reason, message, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    public SimulatorRefusal(int status, String reason, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static SimulatorRefusal invalidBody(String message) {
        return new SimulatorRefusal(400, "INVALID_REQUEST_BODY", message);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
