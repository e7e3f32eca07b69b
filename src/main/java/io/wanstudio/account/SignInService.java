package io.wanstudio.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in checks (throttled, audited, the same cost for unknown names), the user's own password change, and which
 * sessions have been ended since they began. Throttle and session ends are kept in memory: one instance.
 */
@ApplicationScoped
public class SignInService {
    private static final Logger LOG = Logger.getLogger(SignInService.class.getName());

    @Inject
    Passwords passwords;

    @Inject
    AccountStore store;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "wan.signin.max-failures-per-account", defaultValue = "5")
    int maxFailuresPerAccount;

    @Inject
    @ConfigProperty(name = "wan.signin.max-failures-per-address", defaultValue = "20")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "wan.signin.window-minutes", defaultValue = "15")
    int windowMinutes;

    @Inject
    DatabaseFailureLog failureLog;

    private final Clock clock = Clock.systemUTC();
    private SignInThrottle throttle;
    private final Map<String, Instant> throttleAudited = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        throttle = new SignInThrottle(maxFailuresPerAccount, maxFailuresPerAddress,
                Duration.ofMinutes(windowMinutes), clock, failureLog);
    }

    /**
     * Checks a username and password. A throttled account or address is refused before the password is looked
     * at; an unknown name costs the same hash as a known one. Audited either way.
     */
    public SignInResult verifyCredentials(String username, String password, String clientAddress) {
        String name = Usernames.normalize(username);
        String audited = Usernames.isValid(name) ? name : "(not a valid username)";
        Optional<Duration> wait = throttle.waitBefore(name, clientAddress);
        if (wait.isPresent()) {
            if (firstThrottledThisMinute(name + " " + clientAddress)) {
                audit.record(audited, clientAddress, AuditEventType.SIGN_IN_THROTTLED, null);
            }
            return SignInResult.throttled(wait.get());
        }
        Optional<UserAccount> user = Usernames.isValid(name) ? store.findUser(name) : Optional.empty();
        boolean matches = passwords.matches(password, user.map(UserAccount::getPasswordHash).orElse(null))
                && user.isPresent();
        if (!matches) {
            throttle.failed(name, clientAddress);
            audit.record(audited, clientAddress, AuditEventType.SIGN_IN_FAILED,
                    user.isPresent() ? "wrong password" : AuditLog.UNKNOWN_USER);
            return SignInResult.of(SignInResult.Status.BAD);
        }
        if (!user.get().isEnabled()) {
            throttle.failed(name, clientAddress);
            audit.record(name, clientAddress, AuditEventType.SIGN_IN_FAILED, "account disabled");
            return SignInResult.of(SignInResult.Status.DISABLED);
        }
        throttle.succeeded(name);
        try {
            store.update(name, u -> u.signedIn(clock.instant()));
        } catch (RuntimeException e) {
            // e.g. two sign-ins of one user at once (optimistic lock): the time is a detail, the sign-in stands
            LOG.log(Level.FINE, "Could not record the sign-in time", e);
        }
        boolean mustChange = user.get().isMustChangePassword();
        audit.record(name, clientAddress, AuditEventType.SIGN_IN, mustChange ? "must change password" : null);
        return new SignInResult(mustChange ? SignInResult.Status.MUST_CHANGE : SignInResult.Status.OK, name,
                user.get().getRole(), Duration.ZERO);
    }

    /** A flood of refused attempts writes one audit row a minute per account and address, not one per request. */
    private boolean firstThrottledThisMinute(String key) {
        Instant now = clock.instant();
        if (throttleAudited.size() > 10_000) {
            throttleAudited.clear();
        }
        boolean[] first = {false};
        throttleAudited.compute(key, (k, last) -> {
            first[0] = last == null || last.isBefore(now.minusSeconds(60));
            return first[0] ? now : last;
        });
        return first[0];
    }

    public void signedOut(String username, String clientAddress) {
        audit.record(username, clientAddress, AuditEventType.SIGN_OUT, null);
    }


    /**
     * Changes the caller's own password (the current one is required, and counts against the throttle when
     * wrong). The user's other sessions end; returns the instant from which the calling session should count as
     * signed in, so that it stays.
     */
    public Instant changeOwnPassword(String username, String clientAddress, String current, String next,
            String repeat) throws AccountException {
        String name = Usernames.normalize(username);
        Optional<Duration> wait = throttle.waitBefore(name, clientAddress);
        if (wait.isPresent()) {
            throw new AccountException(AccountException.PASSWORD,
                    SignInResult.throttled(wait.get()).message());
        }
        UserAccount user = store.findUser(name).filter(UserAccount::isEnabled)
                .orElseThrow(() -> new AccountException(null, "Your account cannot be changed now."));
        if (current == null || !passwords.matches(current, user.getPasswordHash())) {
            throttle.failed(name, clientAddress);
            throw new AccountException(AccountException.PASSWORD, "This is not your current password.");
        }
        Passwords.checkNew(name, next, repeat);
        if (next.equals(current)) {
            throw new AccountException(AccountException.NEW_PASSWORD,
                    "Choose a password different from the current one.");
        }
        String hash = passwords.hash(next);
        Instant now = clock.instant();
        store.update(name, u -> u.passwordChanged(hash, now));
        endSessions(name, now);
        audit.record(name, clientAddress, AuditEventType.PASSWORD_CHANGED, null);
        return now.plusMillis(1); // later than the end of the others, even in a column of microseconds
    }

    /** Ends the user's sessions that began before {@code at}. */
    void endSessions(String username, Instant at) {
        store.update(Usernames.normalize(username), u -> u.sessionsEnded(at));
    }

    /** Lifts the throttle on an account, e.g. after an admin reset or re-enabled it. */
    void forgiveFailures(String username) {
        throttle.succeeded(username);
    }
}
