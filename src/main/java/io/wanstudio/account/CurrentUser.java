package io.wanstudio.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/**
 * Who is making the current request: the signed-in user (pages) or the owner of the API token (API). Every query
 * for tasks and media is filtered by this name. Only ever used behind the security constraints, so a request
 * without a caller is a bug, not an anonymous user.
 */
@RequestScoped
public class CurrentUser {
    @Inject
    SecurityContext securityContext;

    public String name() {
        Principal caller = securityContext.getCallerPrincipal();
        if (caller == null) {
            throw new IllegalStateException("No signed-in caller in this request");
        }
        return caller.getName();
    }

    public boolean isSignedIn() {
        return securityContext.getCallerPrincipal() != null;
    }

    public boolean isAdmin() {
        return securityContext.isCallerInRole(Role.ADMIN_ROLE);
    }
}
