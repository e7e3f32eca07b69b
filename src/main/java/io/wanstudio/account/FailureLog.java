package io.wanstudio.account;

import java.time.Instant;
import java.util.List;

/** Where {@link SignInThrottle} keeps failed sign-ins: the database (shared by every instance), or memory in tests. */
public interface FailureLog {
    /** What a failure is counted against. */
    enum Kind {
        ACCOUNT, ADDRESS
    }

    void add(Kind kind, String key, Instant at);

    /** The failures of the key after {@code after}, oldest first. */
    List<Instant> after(Kind kind, String key, Instant after);

    void clear(Kind kind, String key);

    /** Forgets every failure at or before {@code before}. */
    void forgetUpTo(Instant before);
}
