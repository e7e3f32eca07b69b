package io.wanstudio.simulator;

/**
 * An answer in Novita's error shape ({@code {"code","reason","message","metadata"}}), or for a gateway error an
 * HTML page: thrown where a request is refused, written by the servlet. A control-flow exception, so it carries
 * no stack trace.
 */
public class SimulatorRefusal extends Exception {
    private final int status;
    private final String reason;
    private final int retryAfterSeconds;
    private final boolean gatewayPage;

    public SimulatorRefusal(int status, String reason, String message) {
        this(status, reason, message, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    public SimulatorRefusal(int status, String reason, String message, int retryAfterSeconds) {
        this(status, reason, message, retryAfterSeconds, false);
    }

    private SimulatorRefusal(int status, String reason, String message, int retryAfterSeconds,
            boolean gatewayPage) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.gatewayPage = gatewayPage;
    }

    public static SimulatorRefusal invalidBody(String message) {
        return new SimulatorRefusal(400, "INVALID_REQUEST_BODY", message);
    }

    /**
     * A 502 or 504 from the gateway in front of the service: an HTML page, not Novita's JSON (the request never
     * reached the service, or the gateway gave up waiting).
     */
    public static SimulatorRefusal gateway(int status) {
        String title = status == 504 ? "Gateway Time-out" : "Bad Gateway";
        return new SimulatorRefusal(status, title, status + " " + title + " (simulated gateway)", 0, true);
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

    /** True when the body is an HTML page like nginx's, false for Novita's JSON error. */
    public boolean gatewayPage() {
        return gatewayPage;
    }
}
