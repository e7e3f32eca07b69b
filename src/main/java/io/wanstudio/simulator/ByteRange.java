package io.wanstudio.simulator;

/**
 * What to send for a {@code Range} header (RFC 9110, single byte range): the whole file, a part (206), or
 * nothing (416). Several ranges, or a header we cannot read, get the whole file, which the RFC allows.
 */
sealed interface ByteRange {
    /** Send the whole file (200). */
    record Whole() implements ByteRange {
    }

    /** Send bytes {@code first..last} inclusive (206). */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }

        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** The range lies outside the file (416 with {@code Content-Range: bytes *}{@code /size}). */
    record Unsatisfiable() implements ByteRange {
    }

    static ByteRange of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (!from.chars().allMatch(c -> c >= '0' && c <= '9') || !to.chars().allMatch(c -> c >= '0' && c <= '9')
                || from.isEmpty() && to.isEmpty()) {
            return new Whole();
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                return suffix <= 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (last < first) {
                return new Whole();
            }
            return first >= size ? new Unsatisfiable() : new Part(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
