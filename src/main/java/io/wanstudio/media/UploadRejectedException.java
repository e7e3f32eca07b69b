package io.wanstudio.media;

/** An uploaded file we do not keep; the message tells the user why, next to the field. */
public class UploadRejectedException extends Exception {
    public UploadRejectedException(String message) {
        super(message);
    }
}
