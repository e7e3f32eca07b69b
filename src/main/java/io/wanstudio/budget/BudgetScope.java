package io.wanstudio.budget;

/** Whose money a budget row is about: one user's ("user:alice") or the whole team's ("team"). */
public final class BudgetScope {
    public static final String TEAM = "team";
    private static final String USER_PREFIX = "user:";

    private BudgetScope() {
    }

    public static String user(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("A user budget needs a username");
        }
        return USER_PREFIX + username;
    }

    public static boolean isTeam(String scope) {
        return TEAM.equals(scope);
    }
}
