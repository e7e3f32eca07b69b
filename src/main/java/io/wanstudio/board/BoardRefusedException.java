package io.wanstudio.board;

/** Why a change to the review board was refused; nothing changed. The message is for the person who asked. */
public class BoardRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public BoardRefusedException(String message) {
        super(message);
    }
}
