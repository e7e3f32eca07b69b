package io.wanstudio.board;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A finished result on the team's review board: who put it forward and when, and the admin's verdict with its
 * comment. A verdict can be changed (each change is audited), never silently overwritten: the version is compared
 * by {@link ReviewBoard}.
 */
@Entity
@Table(name = "board_entry")
public class BoardEntry {
    /** Longest comment kept with a verdict. */
    public static final int MAX_COMMENT = 1000;

    @Id
    @Column(name = "task_id")
    private long taskId;
    private String owner;
    @Enumerated(EnumType.STRING)
    private Verdict verdict;
    @Column(name = "shortlisted_by")
    private String shortlistedBy;
    @Column(name = "shortlisted_at")
    private Instant shortlistedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "verdict_comment")
    private String comment;
    @Version
    private long version;

    protected BoardEntry() {
        // for JPA
    }

    BoardEntry(long taskId, String owner, String shortlistedBy, Instant now) {
        this.taskId = taskId;
        this.owner = owner;
        this.verdict = Verdict.SHORTLISTED;
        this.shortlistedBy = shortlistedBy;
        this.shortlistedAt = now;
    }

    /** The admin's decision (a new one replaces the last); a comment is kept as given, blank as none. */
    void decide(Verdict decision, String admin, String decisionComment, Instant now) {
        if (decision == Verdict.SHORTLISTED) {
            throw new IllegalArgumentException("A verdict is APPROVED or REJECTED");
        }
        verdict = decision;
        decidedBy = admin;
        decidedAt = now;
        comment = decisionComment == null || decisionComment.isBlank() ? null : decisionComment.strip();
    }

    public long getTaskId() {
        return taskId;
    }

    public String getOwner() {
        return owner;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public String getShortlistedBy() {
        return shortlistedBy;
    }

    public Instant getShortlistedAt() {
        return shortlistedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getComment() {
        return comment;
    }

    public long getVersion() {
        return version;
    }
}
