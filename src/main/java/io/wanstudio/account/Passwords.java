package io.wanstudio.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Password hashes (PBKDF2 through Jakarta Security), checks that cost the same for every input, and the rules. */
@ApplicationScoped
public class Passwords {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about half a second per hash on a small server. */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Iterations", "600000",
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pbkdf2PasswordHash hasher;

    /** Hash of a random password: checked for unknown names, so that they take as long as real ones. */
    private String dummyHash;

    @PostConstruct
    void init() {
        hasher.initialize(HASH_PARAMETERS);
        dummyHash = hasher.generate(random().toCharArray());
    }

    public String hash(String password) {
        return hasher.generate(password.toCharArray());
    }

    /** True when the password matches the hash; a null hash (unknown user) costs a real check and never matches. */
    public boolean matches(String password, String hash) {
        if (password == null || hash == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            hasher.verify("x".toCharArray(), dummyHash); // the same cost as a real check
            return false;
        }
        try {
            return hasher.verify(password.toCharArray(), hash);
        } catch (IllegalArgumentException e) {
            return false; // a hash in an unknown format never matches
        }
    }

    /** Refuses a new password that breaks the policy or differs from its repetition, naming the field. */
    static void checkNew(String username, String password, String repeat) throws AccountException {
        Optional<String> problem = PasswordPolicy.problem(username, password);
        if (problem.isPresent()) {
            throw new AccountException(AccountException.NEW_PASSWORD, problem.get());
        }
        if (!password.equals(repeat)) {
            throw new AccountException(AccountException.REPEAT, "The two passwords differ.");
        }
    }

    /** A strong random password (144 bits), e.g. for the first admin or a reset. */
    public static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
