package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Personal API tokens: made (plaintext shown once), listed, revoked, and checked on every API call. */
@ApplicationScoped
public class ApiTokenService {
    static final int MAX_ACTIVE_TOKENS = 20;
    private static final int MAX_LABEL = 100;

    @Inject
    AccountStore store;

    @Inject
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    /** Makes a token for the owner; its plaintext is in the result and nowhere else, ever. */
    public NewApiToken create(String owner, String clientAddress, String label) throws AccountException {
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
    public boolean revoke(String owner, String clientAddress, long id) {
        String name = Usernames.normalize(owner);
        boolean revoked = store.revokeToken(name, id, clock.instant());
        if (revoked) {
            audit.record(name, clientAddress, AuditEventType.TOKEN_REVOKED, "token #" + id);
        }
        return revoked;
    }

    public List<ApiToken> list(String owner) {
        return store.listTokens(Usernames.normalize(owner));
    }

    /**
     * The owner of an active token whose account is enabled and not waiting for a password change; empty for
     * anything else (the caller answers all of these alike).
     */
    public Optional<ApiCaller> authenticate(String plaintext) {
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
}
