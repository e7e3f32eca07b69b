package io.wanstudio.gallery;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a gallery page ended: the last row's sort key and id, for a keyset query that continues after it. Sent
 * to clients as an opaque URL-safe string; it is not signed, since a changed cursor can only select other rows of
 * the caller's own tasks, but it is parsed strictly, so that anything not made here is refused as invalid.
 *
 * @param key an {@link Instant} (created), an {@link Integer} (duration) or a {@link BigDecimal} (cost)
 */
public record GalleryCursor(GalleryQuery.Sort sort, Object key, long id) {
    private static final String VERSION = "g1";
    private static final Pattern FORM = Pattern.compile(VERSION + "\\|([A-Z]{1,12})\\|(-?[0-9]{1,20}(?:\\.[0-9]{1,9})?)"
            + "\\|([0-9]{1,19})");
    private static final int MAX_LENGTH = 120;
    /** Decimals of generation_task.cost_estimate. */
    private static final int COST_SCALE = 4;

    /** A cursor that is not one this studio made (edited, cut, from another sort). */
    public static class InvalidCursorException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCursorException() {
            super("The cursor is not valid for this list: start again from the first page (without a cursor).");
        }
    }

    public GalleryCursor {
        Object expected = switch (sort.key()) {
            case CREATED -> (Instant) key;
            case DURATION -> (Integer) key;
            case COST -> (BigDecimal) key;
        };
        key = expected;
    }

    /** The cursor as clients see it. */
    public String encode() {
        String value = switch (sort.key()) {
            case CREATED -> Long.toString(epochMicros((Instant) key));
            case DURATION -> key.toString();
            case COST -> ((BigDecimal) key).toPlainString();
        };
        String plain = VERSION + "|" + sort.name() + "|" + value + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor in a client's string, for a query in this sort.
     *
     * @throws InvalidCursorException it is not a cursor made by {@link #encode()} for this sort
     */
    public static GalleryCursor decode(String cursor, GalleryQuery.Sort sort) throws InvalidCursorException {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher parts = FORM.matcher(plain);
            if (!parts.matches() || !parts.group(1).equals(sort.name())) {
                throw new InvalidCursorException();
            }
            String value = parts.group(2);
            long id = Long.parseLong(parts.group(3));
            Object key = switch (sort.key()) {
                case CREATED -> ofEpochMicros(Long.parseLong(value));
                case DURATION -> Integer.valueOf(value);
                case COST -> new BigDecimal(value);
            };
            return new GalleryCursor(sort, key, id);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidCursorException(); // bad Base64, a number out of range, an impossible instant
        }
    }

    /**
     * The closest key beyond this one in the sort's direction: keys are discrete as stored (whole seconds,
     * prices to 4 decimals, times to the microsecond), so "after k" is "from this value on".
     */
    Object nextKey() {
        int step = sort.descending() ? -1 : 1;
        return switch (sort.key()) {
            case CREATED -> ((Instant) key).plus(step, ChronoUnit.MICROS);
            case DURATION -> (Integer) key + step;
            case COST -> ((BigDecimal) key).add(BigDecimal.valueOf(step, COST_SCALE));
        };
    }

    /** Microseconds: what the database keeps of a timestamp, so the key matches the stored value exactly. */
    private static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
