package io.wanstudio.platform.http;

/**
 * What a {@code Range} request header asks of a file of a known size (RFC 9110 §14.1.2, single byte ranges).
 * Several ranges, or a header that cannot be read, are answered with the whole file, which the RFC allows.
 */
sealed interface ByteRange {
    /** No usable range: send the whole file (200). */
    record Whole() implements ByteRange {
    }

    /** Bytes {@code first..last}, both inclusive (206). */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    /** The range starts beyond the end of the file (416). */
    record Unsatisfiable() implements ByteRange {
    }

    static ByteRange parse(String header, long size) {
        if (header == null || !header.strip().regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = header.strip().substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        boolean malformed = (!from.isEmpty() && !digits(from)) || (!to.isEmpty() && !digits(to));
        if (malformed || (from.isEmpty() && to.isEmpty())) {
            return new Whole();
        }
        if (from.isEmpty()) {
            long suffix = number(to);
            return suffix == 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return new Whole(); // "bytes=9-5" is not a range at all
        }
        return first >= size ? new Unsatisfiable() : new Part(first, Math.min(last, size - 1));
    }

    /** Digits only; more than a long holds is as good as infinite for a file position. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
