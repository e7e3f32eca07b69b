package io.wanstudio.gallery;

/** A chain that cannot be stitched into one film; the message says why, in words for the person who asked. */
public class StitchRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public StitchRefusedException(String message) {
        super(message);
    }
}
