package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The admin's user management and the first admin. Every action takes the acting admin's name and checks it: the
 * pages that call them are admin-only as well, but one check more costs nothing.
 */
@ApplicationScoped
public class AccountAdministration {
    @Inject
    Passwords passwords;

    @Inject
    SignInService signIns;

    @Inject
    AccountStore store;

    @Inject
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    public UserAccount createUser(String admin, String clientAddress, String username, String password, Role role,
            boolean mustChangePassword) throws AccountException {
        requireAdmin(admin);
        String name = Usernames.normalize(username);
        Optional<String> nameProblem = Usernames.problem(name);
        if (nameProblem.isPresent()) {
            throw new AccountException(AccountException.USERNAME, nameProblem.get());
        }
        if (store.findUser(name).isPresent()) {
            throw new AccountException(AccountException.USERNAME, "This username is taken.");
        }
        Passwords.checkNew(name, password, password);
        UserAccount user = store.create(new UserAccount(name, passwords.hash(password),
                role == null ? Role.USER : role, mustChangePassword, clock.instant()));
        audit.record(name, clientAddress, AuditEventType.USER_CREATED,
                "by " + admin + (user.isAdmin() ? ", as admin" : ""));
        return user;
    }

    /**
     * The first admin, made at the first start when there are no users at all; does nothing otherwise. Returns
     * whether it made the account.
     */
    public boolean createFirstAdmin(String username, String password, boolean mustChangePassword) {
        String name = Usernames.normalize(username);
        if (store.countUsers() > 0) {
            return false;
        }
        store.create(new UserAccount(name, passwords.hash(password), Role.ADMIN, mustChangePassword,
                clock.instant()));
        audit.record(name, null, AuditEventType.USER_CREATED, "first admin, at first start");
        return true;
    }

    public void disable(String admin, String clientAddress, String username) throws AccountException {
        if (Usernames.normalize(admin).equals(Usernames.normalize(username))) {
            throw new AccountException(AccountException.USERNAME, "You cannot disable your own account.");
        }
        changeAsAdmin(admin, username, u -> {
            u.disable(clock.instant());
            return true;
        });
        signIns.endSessions(username, clock.instant());
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.USER_DISABLED, "by " + admin);
    }

    public void enable(String admin, String clientAddress, String username) throws AccountException {
        changeAsAdmin(admin, username, u -> {
            u.enable(clock.instant());
            return true;
        });
        signIns.forgiveFailures(username);
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.USER_ENABLED, "by " + admin);
    }

    /**
     * Makes an account an admin or a user. Not one's own: so that there is always an admin left, and nobody
     * locks themselves out by a slip. The account's sessions and tokens follow at their next request, as both
     * read the role as stored.
     */
    public void changeRole(String admin, String clientAddress, String username, Role role) throws AccountException {
        if (Usernames.normalize(admin).equals(Usernames.normalize(username))) {
            throw new AccountException(AccountException.USERNAME, "You cannot change your own role.");
        }
        if (changeAsAdmin(admin, username, u -> u.changeRole(role, clock.instant()))) {
            audit.record(Usernames.normalize(username), clientAddress, AuditEventType.ROLE_CHANGED,
                    (role == Role.ADMIN ? "made admin" : "admin role taken away") + " by " + admin);
        }
    }

    /** Sets a temporary password that the user must replace at the next sign-in; their sessions end. */
    public void resetPassword(String admin, String clientAddress, String username, String temporaryPassword)
            throws AccountException {
        requireAdmin(admin); // before the half second of hashing; checked again with the rows locked
        Passwords.checkNew(Usernames.normalize(username), temporaryPassword, temporaryPassword);
        String hash = passwords.hash(temporaryPassword);
        changeAsAdmin(admin, username, u -> {
            u.passwordReset(hash, clock.instant());
            return true;
        });
        signIns.endSessions(username, clock.instant());
        signIns.forgiveFailures(username);
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.PASSWORD_RESET, "by " + admin);
    }

    public List<UserAccount> listUsers() {
        return store.listUsers();
    }

    public List<AuditEvent> recentAudit(int max) {
        return audit.recent(max);
    }

    private void requireAdmin(String admin) throws AccountException {
        if (store.findUser(admin).filter(u -> u.isAdmin() && u.isEnabled()).isEmpty()) {
            throw new AccountException(null, "Only an admin can do this.");
        }
    }

    /** True when the change changed anything; see {@link AccountStore#changeByAdmin} for why both rows are locked. */
    private boolean changeAsAdmin(String admin, String username, Predicate<UserAccount> change)
            throws AccountException {
        return switch (store.changeByAdmin(admin, username, change)) {
            case NOT_AN_ADMIN -> throw new AccountException(null, "Only an admin can do this.");
            case NO_SUCH_USER -> throw new AccountException(AccountException.USERNAME, "There is no such user.");
            case CHANGED -> true;
            case UNCHANGED -> false;
        };
    }
}
