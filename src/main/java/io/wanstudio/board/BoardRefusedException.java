package io.wanstudio.board;

/** Why a change to the review board was refused; nothing changed. The message is for the person who asked. */
public class BoardRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: the API answers 404, 400 or 409 for them. */
    public enum Reason {
        /** No such task or entry, or not one the caller may see. */
        NOT_FOUND,
        /** The request itself is wrong (no comment for a rejection, too long, not a finished video). */
        INVALID,
        /** The board changed meanwhile, or the entry's state does not allow it. */
        CONFLICT
    }

    private final Reason reason;

    public BoardRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
