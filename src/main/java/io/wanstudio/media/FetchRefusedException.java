package io.wanstudio.media;

import java.util.OptionalInt;

/** A URL we will not fetch or could not fetch; the message is fit for a user and names no secret. */
public class FetchRefusedException extends Exception {
    private final int status;

    public FetchRefusedException(String message) {
        this(message, (Throwable) null);
    }

    public FetchRefusedException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The server answered, but with this HTTP status (not a success, not a redirect). */
    FetchRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The final HTTP status when the refusal is the server's answer; empty when we refused or the network failed. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
