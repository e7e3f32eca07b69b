package io.wanstudio.admin;

import io.wanstudio.account.AccountAdministration;
import io.wanstudio.account.AccountException;
import io.wanstudio.account.AuditEvent;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.account.Passwords;
import io.wanstudio.account.Role;
import io.wanstudio.account.UserAccount;
import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * The admin's accounts page. New users and reset users get a random temporary password, shown here once; they
 * must replace it at their next sign-in. Every action is one call into {@link AccountAdministration}.
 */
@Named
@RequestScoped
public class UsersPage {
    private static final String FORM = "newUser";
    private static final int AUDIT_ROWS = 50;
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    @Inject
    CurrentUser currentUser;

    @Inject
    AccountAdministration accounts;

    private String username;
    private boolean admin;
    /** A temporary password just set, for the admin to pass on; rendered once, never stored in plain text. */
    private String issuedPassword;
    private String issuedFor;

    public void create() {
        String temporary = Passwords.random();
        try {
            UserAccount user = accounts.createUser(currentUser.name(), Faces.clientAddress(), username,
                    temporary, admin ? Role.ADMIN : Role.USER, true);
            issued(user.getUsername(), temporary);
            username = null;
            admin = false;
        } catch (AccountException e) {
            Faces.fieldErrors(FORM, Map.of(AccountException.USERNAME, "username"), e.asFieldErrors());
        }
    }

    public void disable(String user) {
        act(user, () -> accounts.disable(currentUser.name(), Faces.clientAddress(), user), user + " is disabled.");
    }

    public void enable(String user) {
        act(user, () -> accounts.enable(currentUser.name(), Faces.clientAddress(), user), user + " can sign in again.");
    }

    public void makeAdmin(String user) {
        act(user, () -> accounts.changeRole(currentUser.name(), Faces.clientAddress(), user, Role.ADMIN),
                user + " is an admin now.");
    }

    public void makeUser(String user) {
        act(user, () -> accounts.changeRole(currentUser.name(), Faces.clientAddress(), user, Role.USER),
                user + " is no longer an admin.");
    }

    public void resetPassword(String user) {
        String temporary = Passwords.random();
        act(user, () -> accounts.resetPassword(currentUser.name(), Faces.clientAddress(), user, temporary), null);
        if (!FacesContext.getCurrentInstance().isValidationFailed()) {
            issued(user, temporary);
        }
    }

    public List<UserAccount> getUsers() {
        return accounts.listUsers();
    }

    public List<AuditEvent> getAudit() {
        return accounts.recentAudit(AUDIT_ROWS);
    }

    /** A moment as the admin reads it, in UTC; a dash for never. */
    public String when(java.time.Instant instant) {
        return instant == null ? "—" : WHEN.format(instant);
    }

    public boolean isSelf(UserAccount user) {
        return user.getUsername().equals(currentUser.name());
    }

    private interface AccountAction {
        void run() throws AccountException;
    }

    private void act(String user, AccountAction action, String done) {
        try {
            action.run();
            if (done != null) {
                Faces.info(done);
            }
        } catch (AccountException e) {
            Faces.error(user + ": " + e.getMessage());
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    private void issued(String user, String temporary) {
        issuedFor = user;
        issuedPassword = temporary;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public String getIssuedPassword() {
        return issuedPassword;
    }

    public String getIssuedFor() {
        return issuedFor;
    }
}
