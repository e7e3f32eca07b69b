package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Accounts and tokens in the database, each write its own short transaction: password hashing (half a second)
 * happens in the account services, outside of any transaction.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class AccountStore {
    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Transactional(TxType.REQUIRED)
    public long countUsers() {
        return em.createNamedQuery(UserAccount.COUNT, Long.class).getSingleResult();
    }

    @Transactional(TxType.REQUIRED)
    public Optional<UserAccount> findUser(String username) {
        return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", Usernames.normalize(username)).getResultStream().findFirst();
    }

    /** True for an enabled admin account: the role as stored now, not as a session remembers it. */
    @Transactional(TxType.REQUIRED)
    public boolean isActiveAdmin(String username) {
        return username != null && findUser(username).filter(u -> u.isAdmin() && u.isEnabled()).isPresent();
    }

    @Transactional(TxType.REQUIRED)
    public List<UserAccount> listUsers() {
        return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
    }

    public UserAccount create(UserAccount user) {
        em.persist(user);
        em.flush();
        return user;
    }

    /** Applies a change to the user and saves it; empty when there is no such user. */
    public Optional<UserAccount> update(String username, Consumer<UserAccount> change) {
        Optional<UserAccount> user = em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", Usernames.normalize(username)).getResultStream().findFirst();
        user.ifPresent(u -> {
            change.accept(u);
            em.flush();
        });
        return user;
    }

    /** What {@link #changeByAdmin} did. */
    public enum AdminChange { CHANGED, UNCHANGED, NOT_AN_ADMIN, NO_SUCH_USER }

    /**
     * An admin's change to another account, with both rows locked for the transaction, one after the other in name
     * order: two admins acting on each other at once (each taking the other's admin role, or disabling the other)
     * then take turns, and the second finds that it is no longer an admin. The change answers whether it changed
     * anything.
     */
    public AdminChange changeByAdmin(String admin, String username, Predicate<UserAccount> change) {
        String acting = Usernames.normalize(admin);
        String target = Usernames.normalize(username);
        Map<String, Optional<UserAccount>> locked = new TreeMap<>();
        for (String name : new TreeSet<>(List.of(acting, target))) {
            locked.put(name, em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                    .setParameter("username", name).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream().findFirst());
        }
        if (locked.get(acting).filter(u -> u.isAdmin() && u.isEnabled()).isEmpty()) {
            return AdminChange.NOT_AN_ADMIN;
        }
        Optional<UserAccount> user = locked.get(target);
        if (user.isEmpty()) {
            return AdminChange.NO_SUCH_USER;
        }
        boolean changed = change.test(user.get());
        em.flush();
        return changed ? AdminChange.CHANGED : AdminChange.UNCHANGED;
    }

    public ApiToken create(ApiToken token) {
        em.persist(token);
        em.flush();
        return token;
    }

    @Transactional(TxType.REQUIRED)
    public Optional<ApiToken> findToken(String hash) {
        return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class).setParameter("hash", hash).getResultStream()
                .findFirst();
    }

    @Transactional(TxType.REQUIRED)
    public List<ApiToken> listTokens(String owner) {
        return em.createNamedQuery(ApiToken.BY_OWNER, ApiToken.class).setParameter("owner", owner).getResultList();
    }

    /** Revokes the owner's token; false when the owner has no such active token. */
    public boolean revokeToken(String owner, long id, Instant now) {
        return em.createNamedQuery(ApiToken.BY_ID_AND_OWNER, ApiToken.class).setParameter("id", id)
                .setParameter("owner", owner).getResultStream().findFirst().map(t -> t.revoke(now)).orElse(false);
    }

    public void tokenUsed(long id, Instant now) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token != null) {
            token.used(now);
        }
    }
}
