package io.wanstudio.account;

import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Changing one's own password: the current one, the new one twice. Messages go next to their fields. The user's
 * other sessions end; this one stays.
 */
@Named
@RequestScoped
public class PasswordPage {
    static final String FORM = "password";
    private static final Map<String, String> COMPONENT_OF_FIELD = Map.of(AccountException.PASSWORD, "current",
            AccountException.NEW_PASSWORD, "newPassword", AccountException.REPEAT, "repeat");

    @Inject
    CurrentUser currentUser;

    @Inject
    SignInService accounts;

    @Inject
    WebSessions webSessions;

    private String current;
    private String newPassword;
    private String repeat;

    public void change() throws IOException {
        Instant signedInAt;
        try {
            signedInAt = accounts.changeOwnPassword(currentUser.name(), Faces.clientAddress(), current, newPassword,
                    repeat);
        } catch (AccountException e) {
            Faces.fieldErrors(FORM, COMPONENT_OF_FIELD, e.asFieldErrors());
            return;
        } finally {
            current = null;
            newPassword = null;
            repeat = null;
        }
        HttpSession session = Faces.request().getSession(false);
        boolean wasDue = session != null
                && session.getAttribute(StudioAuthenticationMechanism.MUST_CHANGE_PASSWORD) != null;
        if (session != null) {
            session.removeAttribute(StudioAuthenticationMechanism.MUST_CHANGE_PASSWORD);
            session.setAttribute(StudioAuthenticationMechanism.SIGNED_IN_AT, signedInAt); // other sessions end
            webSessions.passwordChanged((String) session.getAttribute(StudioAuthenticationMechanism.WEB_SESSION),
                    signedInAt);
        }
        Faces.info("Your password was changed.");
        Faces.redirect(wasDue ? "/" : StudioAuthenticationMechanism.PASSWORD_PAGE);
    }

    /** True while the user must choose a new password before using the studio. */
    public boolean isDue() {
        HttpSession session = Faces.request().getSession(false);
        return session != null && session.getAttribute(StudioAuthenticationMechanism.MUST_CHANGE_PASSWORD) != null;
    }

    public int getMinLength() {
        return PasswordPolicy.MIN_LENGTH;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
