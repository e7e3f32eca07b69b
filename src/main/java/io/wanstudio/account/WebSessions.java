package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed-in browsers, in the database, so that every instance behind a proxy knows them: the container's HTTP
 * session stays per instance (a cache), and a request that reaches an instance without one is signed in again
 * from the {@value #COOKIE} cookie when its session is live. A session ends when its user signs out, after
 * {@code wan.session.idle-minutes} without a request, after {@code wan.session.max-hours}, or when the user's
 * sessions are ended (password changed or reset, account disabled).
 */
@ApplicationScoped
@Transactional
public class WebSessions {
    public static final String COOKIE = "wan_session";

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "wan.session.idle-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "wan.session.max-hours", defaultValue = "12")
    int maxHours;

    Clock clock = Clock.systemUTC();

    /** Who a live session is, as the container needs it. */
    public record Caller(String username, Set<String> groups, Instant signedInAt, boolean mustChangePassword) {
    }

    /** A new session for a user who just signed in; returns the cookie's token (its hash is all that is kept). */
    public String start(String username, boolean mustChangePassword) {
        String token = ApiTokens.generate();
        // sessions long over are of no use to anyone
        em.createQuery("DELETE FROM WebSession s WHERE s.expiresAt < :before")
                .setParameter("before", clock.instant().minus(Duration.ofDays(1))).executeUpdate();
        em.persist(new WebSession(ApiTokens.hash(token), username, mustChangePassword, clock.instant(),
                Duration.ofHours(maxHours)));
        return token;
    }

    /**
     * The caller of a live session whose user may still sign in; empty for anything else. Checked on every
     * request of a page, so that a session ended on one instance is over on all of them.
     */
    public Optional<Caller> resume(String token) {
        if (!ApiTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        WebSession session = em.find(WebSession.class, ApiTokens.hash(token));
        if (session == null || !session.isLive(now, Duration.ofMinutes(idleMinutes))) {
            return Optional.empty();
        }
        Optional<UserAccount> user = em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", session.getUsername()).getResultStream().findFirst()
                .filter(UserAccount::isEnabled);
        if (user.isEmpty() || endedForUser(user.get(), session.getSignedInAt())) {
            return Optional.empty();
        }
        session.seen(now);
        return Optional.of(new Caller(session.getUsername(), user.get().getRole().groups(), session.getSignedInAt(),
                session.isMustChangePassword()));
    }

    /** Signed out: this session is over on every instance. */
    public void end(String token) {
        if (ApiTokens.looksLikeToken(token)) {
            Optional.ofNullable(em.find(WebSession.class, ApiTokens.hash(token))).ifPresent(s -> s.end(clock.instant()));
        }
    }

    /** The user changed their password in this session: it stays signed in from {@code signedInFrom} on. */
    public void passwordChanged(String token, Instant signedInFrom) {
        if (ApiTokens.looksLikeToken(token)) {
            Optional.ofNullable(em.find(WebSession.class, ApiTokens.hash(token)))
                    .ifPresent(s -> s.passwordChanged(signedInFrom));
        }
    }

    private static boolean endedForUser(UserAccount user, Instant signedInAt) {
        Instant revoked = user.getSessionsRevokedAt();
        return revoked != null && !signedInAt.isAfter(revoked);
    }
}
