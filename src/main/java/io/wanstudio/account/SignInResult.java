package io.wanstudio.account;

import java.time.Duration;

/**
 * What a sign-in attempt came to. {@code username} is the stored name when the password was right; callers show
 * one neutral sentence for BAD and DISABLED alike.
 */
public record SignInResult(Status status, String username, Role role, Duration retryAfter) {
    public enum Status {
        OK, BAD, DISABLED, THROTTLED, MUST_CHANGE
    }

    static SignInResult of(Status status) {
        return new SignInResult(status, null, null, Duration.ZERO);
    }

    static SignInResult throttled(Duration wait) {
        return new SignInResult(Status.THROTTLED, null, null, wait);
    }

    /** True when the caller is who they say and may get a session (perhaps only to change their password). */
    public boolean signedIn() {
        return status == Status.OK || status == Status.MUST_CHANGE;
    }

    /** Whole minutes to wait, rounded up, at least 1. */
    public long retryAfterMinutes() {
        return Math.max(1, (retryAfter.getSeconds() + 59) / 60);
    }

    /** The message shown to a refused caller: neutral about whether the account exists or is disabled. */
    public String message() {
        return status == Status.THROTTLED
                ? "Too many attempts; try again in " + retryAfterMinutes() + (retryAfterMinutes() == 1 ? " minute."
                        : " minutes.")
                : "Wrong username or password.";
    }
}
