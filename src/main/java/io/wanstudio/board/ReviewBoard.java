package io.wanstudio.board;

import io.wanstudio.account.AccountStore;
import io.wanstudio.account.AuditEventType;
import io.wanstudio.account.AuditLog;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The team's review board. A finished result is put forward by its owner (or by an admin); an admin approves or
 * rejects it with a comment, which its owner sees; approved seconds set against spend tell the team what a usable
 * second costs ({@link ApprovalCosts}). Roles are checked against the account as stored now; every change is
 * audited once it has been made. A decision names the version of the entry it was taken on: when another admin
 * decided in between, it is refused with what they decided, never written over it.
 */
@ApplicationScoped
public class ReviewBoard {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Inject
    BoardStore store;

    @Inject
    AccountStore accounts;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    /** The entry of a task, for the task's owner or an admin; empty for anyone else. */
    public Optional<BoardEntry> entry(String viewer, long taskId) {
        return store.find(taskId).filter(e -> e.getOwner().equals(viewer) || accounts.isActiveAdmin(viewer));
    }

    /** Where these tasks of the owner stand on the board, for their gallery; tasks not on it are left out. */
    public Map<Long, Verdict> verdicts(String owner, Collection<Long> taskIds) {
        return store.verdicts(owner, taskIds);
    }

    /** Puts a finished result of the user's own (any user's, for an admin) on the board, awaiting a verdict. */
    public BoardEntry shortlist(String user, String clientAddress, long taskId) throws BoardRefusedException {
        boolean admin = accounts.isActiveAdmin(user);
        BoardEntry entry = store.inTransaction(() -> {
            BoardStore.Item item = store.lockTask(taskId)
                    .filter(i -> admin || i.task().getOwner().equals(user))
                    .orElseThrow(() -> new BoardRefusedException(BoardRefusedException.Reason.NOT_FOUND, "There is no such task."));
            GenerationTask task = item.task();
            if (item.entry() != null) {
                throw new BoardRefusedException(BoardRefusedException.Reason.CONFLICT, "Task #" + taskId + " is already on the review board ("
                        + item.entry().getVerdict().label().toLowerCase(Locale.ROOT) + ").");
            }
            if (task.getState() != TaskState.COMPLETED || task.videoPath().isEmpty()) {
                throw new BoardRefusedException(BoardRefusedException.Reason.INVALID, "Only a finished video can go on the review board.");
            }
            if (task.getLineage() == Lineage.STITCH) {
                // its seconds are the chain's, which would then count twice as approved
                throw new BoardRefusedException(BoardRefusedException.Reason.INVALID, "A stitched film is made of results that go on the board "
                        + "one by one.");
            }
            BoardEntry added = new BoardEntry(taskId, task.getOwner(), user, clock.instant());
            store.add(added);
            return added;
        });
        audit.record(user, clientAddress, AuditEventType.TASK_SHORTLISTED, "task #" + taskId + " of "
                + entry.getOwner());
        return entry;
    }

    /**
     * Takes a result off the board: its owner while it awaits a verdict, an admin at any time.
     *
     * @param seenVersion the entry's version the user saw (null: whatever it is now)
     */
    public void withdraw(String user, String clientAddress, long taskId, Long seenVersion)
            throws BoardRefusedException {
        boolean admin = accounts.isActiveAdmin(user);
        BoardEntry withdrawn = store.inTransaction(() -> {
            BoardEntry entry = store.lockEntry(taskId).filter(e -> admin || e.getOwner().equals(user))
                    .orElseThrow(() -> new BoardRefusedException(BoardRefusedException.Reason.NOT_FOUND, "Task #" + taskId + " is not on the review board."));
            requireSeen(entry, seenVersion);
            if (!admin && entry.getVerdict() != Verdict.SHORTLISTED) {
                throw new BoardRefusedException(BoardRefusedException.Reason.CONFLICT, "Task #" + taskId + " has a verdict already; an admin can take it "
                        + "off the board.");
            }
            store.remove(entry);
            return entry;
        });
        audit.record(user, clientAddress, AuditEventType.TASK_WITHDRAWN_FROM_BOARD, "task #" + taskId + " of "
                + withdrawn.getOwner());
    }

    /**
     * An admin's verdict, which replaces an earlier one. A rejection needs a comment: the owner should learn what
     * to change.
     *
     * @param seenVersion the entry's version the admin decided on (null: whatever it is now)
     */
    public BoardEntry decide(String admin, String clientAddress, long taskId, Verdict verdict, String comment,
            Long seenVersion) throws BoardRefusedException {
        if (verdict == Verdict.SHORTLISTED) {
            throw new IllegalArgumentException("A verdict is APPROVED or REJECTED");
        }
        if (!accounts.isActiveAdmin(admin)) {
            throw new BoardRefusedException(BoardRefusedException.Reason.NOT_FOUND, "Only an admin can approve or reject.");
        }
        String text = comment == null ? "" : comment.strip();
        if (text.codePointCount(0, text.length()) > BoardEntry.MAX_COMMENT) {
            throw new BoardRefusedException(BoardRefusedException.Reason.INVALID, "The comment is " + text.codePointCount(0, text.length())
                    + " characters long; at most " + BoardEntry.MAX_COMMENT + " are kept.");
        }
        if (verdict == Verdict.REJECTED && text.isEmpty()) {
            throw new BoardRefusedException(BoardRefusedException.Reason.INVALID, "Say why it is rejected, so that its owner learns what to change.");
        }
        BoardEntry decided = store.inTransaction(() -> {
            BoardEntry entry = store.lockEntry(taskId)
                    .orElseThrow(() -> new BoardRefusedException(BoardRefusedException.Reason.NOT_FOUND, "Task #" + taskId + " is no longer on the board."));
            requireSeen(entry, seenVersion);
            entry.decide(verdict, admin, text, clock.instant());
            return entry;
        });
        audit.record(admin, clientAddress, verdict == Verdict.APPROVED ? AuditEventType.TASK_APPROVED
                : AuditEventType.TASK_REJECTED, "task #" + taskId + " of " + decided.getOwner()
                        + (text.isEmpty() ? "" : ": " + abbreviated(text)));
        return decided;
    }

    /** Refuses a change made on an older state of the entry, saying who changed it since. */
    private static void requireSeen(BoardEntry entry, Long seenVersion) throws BoardRefusedException {
        if (seenVersion == null || entry.getVersion() == seenVersion) {
            return;
        }
        String what = entry.getDecidedBy() == null ? "changed task #" + entry.getTaskId()
                : entry.getVerdict().label().toLowerCase(Locale.ROOT) + " task #" + entry.getTaskId()
                        + " at " + TIME.format(entry.getDecidedAt());
        throw new BoardRefusedException(BoardRefusedException.Reason.CONFLICT, (entry.getDecidedBy() == null ? "Someone" : entry.getDecidedBy()) + " "
                + what + " meanwhile; the board now shows it as it is. Decide again if you still want to.");
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
