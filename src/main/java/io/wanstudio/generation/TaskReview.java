package io.wanstudio.generation;

import io.wanstudio.account.AccountStore;
import io.wanstudio.account.AuditEventType;
import io.wanstudio.account.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an admin resolves a task in NEEDS_REVIEW (a submit whose outcome is unknown), so that it never stays there:
 * attach the provider's task id found in its console (then it is polled and completes), mark it failed (nothing
 * was charged), or send the same request again as a new task, which may be charged twice and so needs an explicit
 * confirmation. The admin's role is checked here against the account, not trusted from the page; every
 * resolution is audited. Each transition is conditional on NEEDS_REVIEW, so two admins cannot resolve twice.
 */
@ApplicationScoped
public class TaskReview {
    /** What a provider task id may look like: enough for a UUID or similar, nothing that could smuggle a path. */
    private static final Pattern PROVIDER_TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    /** Who closed a task in review, from its reason ("Marked failed by ann: …", "Resubmitted by ann as #7."). */
    private static final Pattern RESOLVED_BY = Pattern.compile(
            "^(?:Marked failed|Resubmitted) by ([a-z0-9][a-z0-9._-]*?)(?=: |, | as #|\\.$)");

    @Inject
    TaskStore store;

    @Inject
    GenerationService generations;

    @Inject
    AccountStore accounts;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    /** Why a resolution was refused; nothing changed. */
    public static class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** What kind of refusal, for an API to answer with the right status. */
        public enum Reason {
            /** No such task (or the caller is not an admin). */
            NO_SUCH_TASK,
            /** The request itself is wrong (a malformed provider task id, a missing confirmation). */
            INVALID,
            /** The task is not (or no longer) in a state that allows it. */
            CONFLICT
        }

        private final Reason reason;

        public RefusedException(String message) {
            this(Reason.CONFLICT, message);
        }

        public RefusedException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Any user's task, for an admin; empty for anyone else, exactly like a task that does not exist. */
    public Optional<GenerationTask> findForAdmin(String admin, long taskId) {
        return isAdmin(admin) ? store.find(taskId) : Optional.empty();
    }

    /** The provider did create the task: it is polled from now on and completes normally. */
    public GenerationTask attachProviderTaskId(String admin, String clientAddress, long taskId, String providerTaskId)
            throws RefusedException {
        String id = providerTaskId == null ? "" : providerTaskId.strip();
        if (!PROVIDER_TASK_ID.matcher(id).matches()) {
            throw new RefusedException(RefusedException.Reason.INVALID,
                    "Enter the provider's task id as its console shows it.");
        }
        requireInReview(admin, taskId);
        GenerationTask task = changed(taskId, t -> t.providerTaskFound(id, clock.instant()));
        audit.record(admin, clientAddress, AuditEventType.TASK_PROVIDER_ID_ATTACHED,
                "task #" + taskId + " of " + task.getOwner() + ": provider task " + id);
        return task;
    }

    /** The submit created nothing at the provider: the task fails and costs nothing. */
    public GenerationTask markFailed(String admin, String clientAddress, long taskId) throws RefusedException {
        requireInReview(admin, taskId);
        GenerationTask task = changed(taskId, t -> t.reviewedAsNotCharged(admin, clock.instant()));
        audit.record(admin, clientAddress, AuditEventType.TASK_MARKED_FAILED,
                "task #" + taskId + " of " + task.getOwner() + ": not charged");
        return task;
    }

    /**
     * Sends the same request again as a new task of the same owner (a retry of this one), which is closed as
     * "resubmitted as #N". Returns the new task.
     */
    public GenerationTask resubmit(String admin, String clientAddress, long taskId, boolean confirmedMayBeChargedTwice)
            throws RefusedException {
        if (!confirmedMayBeChargedTwice) {
            throw new RefusedException(RefusedException.Reason.INVALID,
                    "Confirm that the task may be charged twice before resubmitting it.");
        }
        GenerationTask reviewed = requireInReview(admin, taskId);
        String owner = reviewed.getOwner();
        GenerationRequest request = generations.requestOf(owner, taskId).orElseThrow();
        var problems = generations.problemsWith(owner, request);
        if (!problems.isEmpty()) {
            // e.g. an uploaded input is gone: nothing can be sent, so the task stays for another decision.
            throw new RefusedException("The request cannot be sent again: " + String.join("; ", problems.values()));
        }
        changed(taskId, t -> t.resubmitting(admin, clock.instant()));
        GenerationTask retry;
        try {
            retry = generations.submit(owner, request, new Lineage.Origin(taskId, Lineage.RETRY));
        } catch (InvalidRequestException e) {
            Instant now = clock.instant();
            store.update(taskId, t -> t.resubmittedAs("Resubmitted by " + admin + ", but refused before sending: "
                    + e.getMessage(), now));
            throw new RefusedException("The request cannot be sent again: " + e.getMessage());
        }
        Instant now = clock.instant();
        store.update(taskId, t -> t.resubmittedAs("Resubmitted by " + admin + " as #" + retry.getId() + ".", now));
        audit.record(admin, clientAddress, AuditEventType.TASK_RESUBMITTED,
                "task #" + taskId + " of " + owner + " as #" + retry.getId());
        return retry;
    }

    private GenerationTask requireInReview(String admin, long taskId) throws RefusedException {
        GenerationTask task = findForAdmin(admin, taskId)
                .orElseThrow(() -> new RefusedException(RefusedException.Reason.NO_SUCH_TASK,
                        "There is no such task."));
        if (task.getState() != TaskState.NEEDS_REVIEW) {
            throw alreadyResolved(taskId);
        }
        return task;
    }

    /**
     * Applies a transition that holds only in NEEDS_REVIEW; refused when someone else resolved it meanwhile. Two
     * admins at the same moment both read NEEDS_REVIEW; the row's version lets only one commit, and the other's
     * failed commit is that same refusal, not an error.
     */
    private GenerationTask changed(long taskId, java.util.function.Predicate<GenerationTask> change)
            throws RefusedException {
        boolean[] applied = {false};
        GenerationTask task;
        try {
            task = store.update(taskId, t -> applied[0] = change.test(t)).orElseThrow();
        } catch (RuntimeException e) {
            if (isLostRace(e)) {
                throw alreadyResolved(taskId);
            }
            throw e;
        }
        if (!applied[0]) {
            throw alreadyResolved(taskId);
        }
        return task;
    }

    /** An optimistic-lock failure, however the transaction layer wrapped it. */
    static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.persistence.RollbackException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private RefusedException alreadyResolved(long taskId) {
        String by = store.find(taskId).map(GenerationTask::getFailureReason)
                .map(RESOLVED_BY::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1))
                .orElse("another admin");
        return new RefusedException("Task #" + taskId + " was already resolved by " + by
                + " meanwhile; the page shows its current state.");
    }

    /** True for an enabled admin account (the role as stored now, not as the session remembers it). */
    public boolean isAdmin(String name) {
        return accounts.isActiveAdmin(name);
    }
}
