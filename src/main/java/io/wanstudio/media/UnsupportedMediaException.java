package io.wanstudio.media;

/** The content is not a media format we can read (or is damaged). The message is fit for a user. */
public class UnsupportedMediaException extends Exception {
    public UnsupportedMediaException(String message) {
        super(message);
    }

    public UnsupportedMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
