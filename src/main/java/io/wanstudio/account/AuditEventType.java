package io.wanstudio.account;

/** What an audit row records; the label is what an admin reads, the name what filters and the API use. */
public enum AuditEventType {
    SIGN_IN("Signed in"),
    SIGN_IN_FAILED("Sign-in failed"),
    SIGN_IN_THROTTLED("Sign-in throttled"),
    SIGN_OUT("Signed out"),
    PASSWORD_CHANGED("Password changed"),
    USER_CREATED("Account created"),
    USER_DISABLED("Account disabled"),
    USER_ENABLED("Account enabled"),
    ROLE_CHANGED("Role changed"),
    PASSWORD_RESET("Password reset"),
    TOKEN_CREATED("API token made"),
    TOKEN_REVOKED("API token revoked"),
    PRICE_CHANGED("Price changed"),
    BUDGET_CHANGED("Budget changed"),
    /** An admin's resolution of a task whose submit outcome was unknown (NEEDS_REVIEW). */
    TASK_PROVIDER_ID_ATTACHED("Provider task id attached"),
    TASK_MARKED_FAILED("Task marked failed"),
    TASK_RESUBMITTED("Task resubmitted"),
    /** The team's review board: a result put forward, taken off, and an admin's verdict on it. */
    TASK_SHORTLISTED("Put on the review board"),
    TASK_WITHDRAWN_FROM_BOARD("Taken off the review board"),
    TASK_APPROVED("Result approved"),
    TASK_REJECTED("Result rejected");

    private final String label;

    AuditEventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
