package io.wanstudio.account;

/** What an audit row records. */
public enum AuditEventType {
    SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED, SIGN_OUT, PASSWORD_CHANGED, USER_CREATED, USER_DISABLED,
    USER_ENABLED, ROLE_CHANGED, PASSWORD_RESET, TOKEN_CREATED, TOKEN_REVOKED, PRICE_CHANGED, BUDGET_CHANGED,
    /** An admin's resolution of a task whose submit outcome was unknown (NEEDS_REVIEW). */
    TASK_PROVIDER_ID_ATTACHED, TASK_MARKED_FAILED, TASK_RESUBMITTED,
    /** The team's review board: a result put forward, taken off, and an admin's verdict on it. */
    TASK_SHORTLISTED, TASK_WITHDRAWN_FROM_BOARD, TASK_APPROVED, TASK_REJECTED
}
