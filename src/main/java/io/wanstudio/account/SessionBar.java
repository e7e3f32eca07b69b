package io.wanstudio.account;

import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The header's account area: who is signed in, and signing out (a POST, so that no link can do it). */
@Named
@RequestScoped
public class SessionBar {
    @Inject
    StudioAuthenticationMechanism authentication;

    @Inject
    CurrentUser currentUser;

    @Inject
    SignInService accounts;

    public boolean isSignedIn() {
        return currentUser.isSignedIn();
    }

    public String getUsername() {
        return currentUser.isSignedIn() ? currentUser.name() : null;
    }

    public boolean isAdmin() {
        return currentUser.isSignedIn() && currentUser.isAdmin();
    }

    public void signOut() throws IOException, ServletException {
        if (currentUser.isSignedIn()) {
            accounts.signedOut(currentUser.name(), Faces.clientAddress());
        }
        authentication.signedOut(Faces.request(), Faces.response());
        Faces.request().logout();
        HttpSession session = Faces.request().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        FacesContext.getCurrentInstance().getExternalContext()
                .redirect(Faces.request().getContextPath() + StudioAuthenticationMechanism.LOGIN_PAGE);
    }
}
