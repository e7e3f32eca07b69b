package io.wanstudio.account;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is making the current request; every query for tasks and media is filtered by this name. Until sign-in
 * exists (the accounts issue), everyone is the single local user.
 */
@RequestScoped
public class CurrentUser {
    public static final String LOCAL = "local";

    public String name() {
        return LOCAL;
    }
}
