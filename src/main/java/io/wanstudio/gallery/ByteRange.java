package io.wanstudio.gallery;

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
        if (!digits(from) && !from.isEmpty() || !digits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
            return new Whole();
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                return suffix == 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Long.parseLong(to);
            if (last < first) {
                return new Whole();
            }
            return first >= size ? new Unsatisfiable() : new Part(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return new Whole(); // more digits than a long holds
        }
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
