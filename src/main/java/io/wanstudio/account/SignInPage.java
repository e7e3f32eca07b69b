package io.wanstudio.account;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The login page: hands the username and password to Jakarta Security, then goes back to the page that asked
 * for a sign-in (or to the password page when a change is due). One neutral message for a wrong name, a wrong
 * password and a disabled account; a separate one when attempts are throttled.
 */
@Named
@RequestScoped
public class SignInPage {
    private static final Pattern LOCAL_PATH = Pattern.compile(
            "/(?![/\\\\])[A-Za-z0-9._~/-]*");
    private static final Pattern SAFE_QUERY = Pattern.compile(
            "[A-Za-z0-9._~=&%+-]*");
    @Inject
    SecurityContext securityContext;

    @Inject
    SignInAttempt attempt;

    private String username;
    private String password;

    public void signIn() throws IOException {
        if (securityContext.getCallerPrincipal() != null) {
            Faces.redirect("/"); // signed in already (e.g. in another tab): sign out first to change user
            return;
        }
        AuthenticationStatus status = securityContext.authenticate(Faces.request(), Faces.response(),
                withParams().newAuthentication(true).credential(new UsernamePasswordCredential(
                        username == null ? "" : username, password == null ? "" : password)));
        password = null;
        switch (status) {
            case SUCCESS -> Faces.redirect(destination());
            case SEND_CONTINUE -> FacesContext.getCurrentInstance().responseComplete();
            default -> Faces.error(attempt.result() == null ? "Wrong username or password."
                    : attempt.result().message());
        }
    }

    /** Where to go after signing in: a page within the app that asked for it, never an outside address. */
    private static String destination() {
        HttpSession session = Faces.request().getSession(false);
        if (session == null) {
            return "/";
        }
        if (Boolean.TRUE.equals(session.getAttribute(StudioAuthenticationMechanism.MUST_CHANGE_PASSWORD))) {
            return StudioAuthenticationMechanism.PASSWORD_PAGE;
        }
        Object returnTo = session.getAttribute(StudioAuthenticationMechanism.RETURN_TO);
        session.removeAttribute(StudioAuthenticationMechanism.RETURN_TO);
        return returnTo instanceof String path && isLocalPage(path) ? path : "/";
    }

    /**
     * A path within this app: one slash, then only plain path characters (no "//", backslash, control character
     * or space that a browser might read as another host), and not the login page itself.
     */
    static boolean isLocalPage(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String rest = query < 0 ? "" : pathAndQuery.substring(query + 1);
        return LOCAL_PATH.matcher(path).matches() && SAFE_QUERY.matcher(rest).matches()
                && !path.equals(StudioAuthenticationMechanism.LOGIN_PAGE);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
