/**
 * The admin's pages: the team's accounts (create, disable, re-enable, reset a password so that it must be changed
 * at the next sign-in) and the recent sign-in audit; prices per second and monthly budgets per user and for the
 * team. Pages live under {@code /admin/}, which only the admin role
 * may open; every action also re-checks the role in {@link io.wanstudio.account.AccountAdministration}.
 */
package io.wanstudio.admin;
