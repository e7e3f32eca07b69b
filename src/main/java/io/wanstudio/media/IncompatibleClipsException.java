package io.wanstudio.media;

/** Videos that cannot be joined without re-encoding; the message says plainly what differs. */
public class IncompatibleClipsException extends Exception {
    private static final long serialVersionUID = 1L;

    public IncompatibleClipsException(String message) {
        super(message);
    }
}
