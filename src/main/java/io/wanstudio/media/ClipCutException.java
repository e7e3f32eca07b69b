package io.wanstudio.media;

/** A video whose end cannot be cut off losslessly to the length asked for; the message says why. */
public class ClipCutException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClipCutException(String message) {
        super(message);
    }
}
