package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.board.BoardEntry;
import io.wanstudio.board.BoardRefusedException;
import io.wanstudio.board.ReviewBoard;
import io.wanstudio.board.Verdict;
import io.wanstudio.platform.faces.Faces;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;

/**
 * The review-board part of the task page: where the result stands on the team's board (and the admin's comment),
 * and putting it forward or taking it back. Shown to the task's owner and to admins, like the page itself.
 */
@Named
@ViewScoped
public class TaskBoardPanel implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    ReviewBoard board;

    private Long taskId;
    private Standing standing;
    /** Why the last action was refused, shown in the panel. */
    private String problem;

    /** The task's entry as the page shows it. */
    public record Standing(Verdict verdict, String shortlistedBy, Instant shortlistedAt, String decidedBy,
            Instant decidedAt, String comment, long version) implements Serializable {
        public String label() {
            return verdict.label();
        }

        public boolean awaiting() {
            return verdict == Verdict.SHORTLISTED;
        }
    }

    /** View action, after the page's own: the entry of the task shown (none for a task the viewer may not see). */
    public void load(Long id) {
        taskId = id;
        standing = id == null ? null : board.entry(currentUser.name(), id).map(TaskBoardPanel::standing).orElse(null);
    }

    private static Standing standing(BoardEntry e) {
        return new Standing(e.getVerdict(), e.getShortlistedBy(), e.getShortlistedAt(), e.getDecidedBy(),
                e.getDecidedAt(), e.getComment(), e.getVersion());
    }

    public void shortlist() throws IOException {
        try {
            board.shortlist(currentUser.name(), Faces.clientAddress(), taskId);
            Faces.info("Put on the review board: an admin will approve or reject it.");
            Faces.redirect("/task.xhtml?id=" + taskId);
        } catch (BoardRefusedException e) {
            problem = e.getMessage();
        }
    }

    public void withdraw() throws IOException {
        try {
            board.withdraw(currentUser.name(), Faces.clientAddress(), taskId, standing == null ? null
                    : standing.version());
            Faces.info("Taken off the review board.");
            Faces.redirect("/task.xhtml?id=" + taskId);
        } catch (BoardRefusedException e) {
            problem = e.getMessage();
        }
    }

    /** Admins may take any entry off; its owner only one still awaiting a verdict. */
    public boolean isWithdrawable() {
        return standing != null && (standing.awaiting() || currentUser.isAdmin());
    }

    public String getProblem() {
        return problem;
    }

    public Standing getStanding() {
        return standing;
    }
}
