package io.wanstudio.board;

/** Where a result stands on the review board. */
public enum Verdict {
    /** Put forward, waiting for an admin's decision. */
    SHORTLISTED("Awaiting verdict"),
    APPROVED("Approved"),
    REJECTED("Rejected");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
