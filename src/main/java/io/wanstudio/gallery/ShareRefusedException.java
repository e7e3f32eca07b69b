package io.wanstudio.gallery;

/** A share link that cannot be made; the message says why, in words for the person who asked. */
public class ShareRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ShareRefusedException(String message) {
        super(message);
    }
}
