package io.wanstudio.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything about accounts: sign-in checks (throttled, audited, same cost for unknown names), passwords, the
 * admin's user management and personal API tokens. Pages and the authentication mechanism only call this.
 *
 * <p>Admin actions take the acting admin's name and check it: the pages that call them are admin-only as well,
 * but one check more costs nothing.
 */
@ApplicationScoped
public class AccountService {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about half a second per hash on a small server. */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Iterations", "600000",
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");
    static final int MAX_ACTIVE_TOKENS = 20;
    private static final int MAX_LABEL = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @Inject
    Pbkdf2PasswordHash hasher;

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

    private final Clock clock = Clock.systemUTC();
    private SignInThrottle throttle;
    /** Hash of a random password: checked for unknown names, so that they take as long as real ones. */
    private String dummyHash;
    /**
     * When an admin disabled a user or reset their password: sessions signed in before that end at their next
     * request. In memory, like the throttle (single instance).
     */
    private final Map<String, Instant> sessionsRevokedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> throttleAudited = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        hasher.initialize(HASH_PARAMETERS);
        dummyHash = hasher.generate(randomPassword().toCharArray());
        throttle = new SignInThrottle(maxFailuresPerAccount, maxFailuresPerAddress,
                Duration.ofMinutes(windowMinutes), clock);
    }

    // ---- sign-in

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
        boolean matches = verify(password, user.map(UserAccount::getPasswordHash).orElse(dummyHash))
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

    /** True when a session that signed in at {@code signedInAt} has been ended by an admin since. */
    public boolean sessionRevoked(String username, Instant signedInAt) {
        Instant revoked = sessionsRevokedAt.get(Usernames.normalize(username));
        return revoked != null && (signedInAt == null || !signedInAt.isAfter(revoked));
    }

    /** The user's current state; empty when the account no longer exists. */
    public Optional<UserAccount> find(String username) {
        return store.findUser(username);
    }

    // ---- own password

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
        if (current == null || !verify(current, user.getPasswordHash())) {
            throttle.failed(name, clientAddress);
            throw new AccountException(AccountException.PASSWORD, "This is not your current password.");
        }
        checkNewPassword(name, next, repeat);
        if (next.equals(current)) {
            throw new AccountException(AccountException.NEW_PASSWORD,
                    "Choose a password different from the current one.");
        }
        String hash = hasher.generate(next.toCharArray());
        Instant now = clock.instant();
        store.update(name, u -> u.passwordChanged(hash, now));
        sessionsRevokedAt.put(name, now);
        audit.record(name, clientAddress, AuditEventType.PASSWORD_CHANGED, null);
        return now.plusNanos(1);
    }

    // ---- admin actions

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
        checkNewPassword(name, password, password);
        UserAccount user = store.create(new UserAccount(name, hasher.generate(password.toCharArray()),
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
        store.create(new UserAccount(name, hasher.generate(password.toCharArray()), Role.ADMIN, mustChangePassword,
                clock.instant()));
        audit.record(name, null, AuditEventType.USER_CREATED, "first admin, at first start");
        return true;
    }

    public void disable(String admin, String clientAddress, String username) throws AccountException {
        requireAdmin(admin);
        if (Usernames.normalize(admin).equals(Usernames.normalize(username))) {
            throw new AccountException(AccountException.USERNAME, "You cannot disable your own account.");
        }
        change(username, u -> u.disable(clock.instant()));
        sessionsRevokedAt.put(Usernames.normalize(username), clock.instant());
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.USER_DISABLED, "by " + admin);
    }

    public void enable(String admin, String clientAddress, String username) throws AccountException {
        requireAdmin(admin);
        change(username, u -> u.enable(clock.instant()));
        throttle.succeeded(username);
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.USER_ENABLED, "by " + admin);
    }

    /** Sets a temporary password that the user must replace at the next sign-in; their sessions end. */
    public void resetPassword(String admin, String clientAddress, String username, String temporaryPassword)
            throws AccountException {
        requireAdmin(admin);
        checkNewPassword(Usernames.normalize(username), temporaryPassword, temporaryPassword);
        String hash = hasher.generate(temporaryPassword.toCharArray());
        change(username, u -> u.passwordReset(hash, clock.instant()));
        sessionsRevokedAt.put(Usernames.normalize(username), clock.instant());
        throttle.succeeded(username);
        audit.record(Usernames.normalize(username), clientAddress, AuditEventType.PASSWORD_RESET, "by " + admin);
    }

    public List<UserAccount> listUsers() {
        return store.listUsers();
    }

    public List<AuditEvent> recentAudit(int max) {
        return audit.recent(max);
    }

    // ---- API tokens

    /** Makes a token for the owner; its plaintext is in the result and nowhere else, ever. */
    public NewApiToken createApiToken(String owner, String clientAddress, String label) throws AccountException {
        String name = Usernames.normalize(owner);
        String cleanLabel = label == null ? "" : label.strip();
        if (cleanLabel.isEmpty()) {
            throw new AccountException(AccountException.LABEL, "Name the token, e.g. after the script using it.");
        }
        if (cleanLabel.length() > MAX_LABEL) {
            throw new AccountException(AccountException.LABEL, "Use at most " + MAX_LABEL + " characters.");
        }
        if (store.listTokens(name).stream().filter(ApiToken::isActive).count() >= MAX_ACTIVE_TOKENS) {
            throw new AccountException(null, "You have " + MAX_ACTIVE_TOKENS
                    + " active tokens; revoke one you no longer use first.");
        }
        store.findUser(name).filter(UserAccount::isEnabled)
                .orElseThrow(() -> new AccountException(null, "Your account cannot make tokens now."));
        String plaintext = ApiTokens.generate();
        ApiToken token = store.create(new ApiToken(name, cleanLabel, ApiTokens.hash(plaintext),
                ApiTokens.prefix(plaintext), clock.instant()));
        audit.record(name, clientAddress, AuditEventType.TOKEN_CREATED,
                "token " + token.getPrefix() + "… \"" + cleanLabel + "\"");
        return new NewApiToken(token, plaintext);
    }

    /** Revokes one of the owner's tokens; false when the owner has no such active token. */
    public boolean revokeApiToken(String owner, String clientAddress, long id) {
        String name = Usernames.normalize(owner);
        boolean revoked = store.revokeToken(name, id, clock.instant());
        if (revoked) {
            audit.record(name, clientAddress, AuditEventType.TOKEN_REVOKED, "token #" + id);
        }
        return revoked;
    }

    public List<ApiToken> listTokens(String owner) {
        return store.listTokens(Usernames.normalize(owner));
    }

    /**
     * The owner of an active token whose account is enabled and not waiting for a password change; empty for
     * anything else (the caller answers all of these alike).
     */
    public Optional<ApiCaller> authenticateToken(String plaintext) {
        if (!ApiTokens.looksLikeToken(plaintext)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = store.findToken(ApiTokens.hash(plaintext)).filter(ApiToken::isActive);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<UserAccount> owner = store.findUser(token.get().getOwner())
                .filter(u -> u.isEnabled() && !u.isMustChangePassword());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (token.get().getLastUsedAt() == null || token.get().getLastUsedAt().isBefore(now.minusSeconds(60))) {
            store.tokenUsed(token.get().getId(), now);
        }
        return Optional.of(new ApiCaller(owner.get().getUsername(), owner.get().getRole()));
    }

    // ---- helpers

    /** A strong random password (144 bits), e.g. for the first admin or a reset. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private boolean verify(String password, String hash) {
        if (password == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            hasher.verify("x".toCharArray(), dummyHash); // the same cost as a real check
            return false;
        }
        try {
            return hasher.verify(password.toCharArray(), hash);
        } catch (IllegalArgumentException e) {
            return false; // a hash in an unknown format never matches
        }
    }

    private static void checkNewPassword(String username, String password, String repeat) throws AccountException {
        Optional<String> problem = PasswordPolicy.problem(username, password);
        if (problem.isPresent()) {
            throw new AccountException(AccountException.NEW_PASSWORD, problem.get());
        }
        if (!password.equals(repeat)) {
            throw new AccountException(AccountException.REPEAT, "The two passwords differ.");
        }
    }

    private void requireAdmin(String admin) throws AccountException {
        if (store.findUser(admin).filter(u -> u.isAdmin() && u.isEnabled()).isEmpty()) {
            throw new AccountException(null, "Only an admin can do this.");
        }
    }

    private void change(String username, Consumer<UserAccount> change) throws AccountException {
        if (store.update(username, change).isEmpty()) {
            throw new AccountException(AccountException.USERNAME, "There is no such user.");
        }
    }
}
