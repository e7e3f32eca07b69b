package io.wanstudio.provider;

/**
 * Something the provider said (or failed to say), in our own terms. Subclasses say what the caller may do.
 * Messages never contain the API key.
 */
public abstract class ProviderException extends RuntimeException {
    protected ProviderException(String message) {
        super(message);
    }

    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The provider refused the request for good (HTTP 400): invalid input, content, balance. Not retryable. */
    public static class Refused extends ProviderException {
        private final String reason;

        public Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** Novita's reason code, e.g. INVALID_REQUEST_BODY; may be empty when the body was unreadable. */
        public String reason() {
            return reason;
        }
    }

    /** The key is missing, wrong or not allowed (401/403): an admin has to act. Not retryable. */
    public static class Unauthorized extends ProviderException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** HTTP 429: try again after {@link #retryAfterSeconds()}. */
    public static class RateLimited extends ProviderException {
        private final long retryAfterSeconds;

        public RateLimited(long retryAfterSeconds) {
            super("The provider's rate limit was reached; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A passing failure (5xx, timeout, unreadable answer, connection trouble): safe to retry for a poll. */
    public static class Transient extends ProviderException {
        public Transient(String message) {
            super(message);
        }

        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request provably never left: the connection was refused. The only failure after which a submit is resent. */
    public static class NotSent extends Transient {
        public NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A submit whose fate is unknown (timeout, 5xx, unreadable answer): it may have created a paid task. */
    public static class OutcomeUnknown extends ProviderException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider does not know this task id (expired after about a day, or never created). */
    public static class TaskNotFound extends ProviderException {
        public TaskNotFound(String message) {
            super(message);
        }
    }
}
