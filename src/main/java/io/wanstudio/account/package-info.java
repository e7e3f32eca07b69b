/**
 * Accounts and sign-in.
 *
 * <p>Team members sign in on the login page (Jakarta Security: {@link io.wanstudio.account.StudioAuthenticationMechanism}
 * with the {@link io.wanstudio.account.DatabaseIdentityStore}); passwords are PBKDF2-HMAC-SHA256 hashes with
 * 600,000 iterations and a per-user salt (Jakarta Security's {@code Pbkdf2PasswordHash}). Failed sign-ins are
 * throttled per account and per address and every sign-in, failure and account change is in the audit table.
 * The JSON API accepts only personal API tokens ({@code Authorization: Bearer}), stored as SHA-256 hashes and
 * shown once. Roles are "user" and "admin"; the first admin is made at the first start. Owners of tasks and media
 * are usernames ({@link io.wanstudio.account.CurrentUser}).
 */
package io.wanstudio.account;
