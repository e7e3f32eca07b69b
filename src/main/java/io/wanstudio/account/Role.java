package io.wanstudio.account;

import java.util.Set;

/** What a user may do. Admins are users too: they get both container roles. */
public enum Role {
    USER, ADMIN;

    /** Container role names (the groups the identity store hands to Jakarta Security). */
    public static final String USER_ROLE = "user";
    public static final String ADMIN_ROLE = "admin";

    public Set<String> groups() {
        return this == ADMIN ? Set.of(USER_ROLE, ADMIN_ROLE) : Set.of(USER_ROLE);
    }
}
