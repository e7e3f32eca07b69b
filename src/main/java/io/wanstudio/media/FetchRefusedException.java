package io.wanstudio.media;

/** A URL we will not fetch or could not fetch; the message is fit for a user and names no secret. */
public class FetchRefusedException extends Exception {
    public FetchRefusedException(String message) {
        super(message);
    }

    public FetchRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
