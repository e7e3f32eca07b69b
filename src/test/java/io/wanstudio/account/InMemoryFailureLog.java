package io.wanstudio.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The throttle's failures in a list, for tests of its arithmetic (the studio keeps them in the database). */
final class InMemoryFailureLog implements FailureLog {
    private record Failure(Kind kind, String key, Instant at) {
    }

    private final List<Failure> failures = new ArrayList<>();

    @Override
    public synchronized void add(Kind kind, String key, Instant at) {
        failures.add(new Failure(kind, key, at));
    }

    @Override
    public synchronized List<Instant> after(Kind kind, String key, Instant after) {
        return failures.stream().filter(f -> f.kind() == kind && f.key().equals(key) && f.at().isAfter(after))
                .map(Failure::at).sorted().toList();
    }

    @Override
    public synchronized void clear(Kind kind, String key) {
        failures.removeIf(f -> f.kind() == kind && f.key().equals(key));
    }

    @Override
    public synchronized void forgetUpTo(Instant before) {
        failures.removeIf(f -> !f.at().isAfter(before));
    }
}
