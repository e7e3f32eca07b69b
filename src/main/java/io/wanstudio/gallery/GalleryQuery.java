package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a gallery page shows: filters that hold for any owner (the owner is given to
 * {@link GalleryService#page}), a sort, and the cursor of the page before (null for the first page). Every filter
 * is optional: null (or an empty set, or false) means "any". Immutable; the {@code with...} methods make changed
 * copies.
 *
 * @param states         tasks in one of these states (empty: all); {@link StateGroup} names the usual groups
 * @param mode           the input combination the task was made from
 * @param resolution     "720P" or "1080P"
 * @param from           created on or after this day (UTC)
 * @param to             created on or before this day (UTC)
 * @param favouritesOnly only the tasks marked favourite
 * @param tag            tasks with this tag (normalised as {@link Tags#normalise} does)
 * @param text           case-insensitive search in the prompt and negative prompt: a substring match that scans
 *                       the owner's rows (no full-text index), so it is fine at thousands of tasks, not millions
 * @param sort           the order, {@link Sort#NEWEST} when null
 * @param cursor         {@link GalleryPage#nextCursor()} of the page before, to continue from it
 */
public record GalleryQuery(Set<TaskState> states, Mode mode, String resolution, LocalDate from, LocalDate to,
        boolean favouritesOnly, String tag, String text, Sort sort, String cursor) {

    public GalleryQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        resolution = blankToNull(resolution);
        tag = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT);
        text = blankToNull(text);
        sort = sort == null ? Sort.NEWEST : sort;
        cursor = blankToNull(cursor);
    }

    /**
     * The query a page's URL asks for, each parameter as given there: a value that names no state, mode,
     * resolution, day or sort is ignored (a bad filter never costs a page).
     */
    public static GalleryQuery fromUrl(String state, String mode, String resolution, String from, String to,
            boolean favouritesOnly, String tag, String text, String sort, String cursor) {
        return new GalleryQuery(StateGroup.parse(state).orElse(null), Mode.parse(mode).orElse(null),
                "720P".equals(resolution) || "1080P".equals(resolution) ? resolution : null,
                FilterChoices.day(from), FilterChoices.day(to), favouritesOnly, tag, text,
                Sort.parse(sort).orElse(Sort.NEWEST), cursor);
    }

    /** All of an owner's tasks, newest first. */
    public static GalleryQuery all() {
        return new GalleryQuery(null, null, null, null, null, false, null, null, null, null);
    }

    public GalleryQuery withStates(Set<TaskState> states) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withMode(Mode mode) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withResolution(String resolution) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withDates(LocalDate from, LocalDate to) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withFavouritesOnly(boolean favouritesOnly) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withTag(String tag) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withText(String text) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    public GalleryQuery withSort(Sort sort) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    /** The same filters and sort, continuing after the page that gave this cursor. */
    public GalleryQuery withCursor(String cursor) {
        return new GalleryQuery(states, mode, resolution, from, to, favouritesOnly, tag, text, sort, cursor);
    }

    /** The orders a gallery can be shown in; ties are broken by the task id in the same direction. */
    public enum Sort {
        NEWEST(Key.CREATED, true), OLDEST(Key.CREATED, false), LONGEST(Key.DURATION, true),
        SHORTEST(Key.DURATION, false), COSTLIEST(Key.COST, true), CHEAPEST(Key.COST, false);

        /** The column a sort orders by (each has an index with the owner in front: V5__gallery_indexes.sql). */
        public enum Key {
            CREATED, DURATION, COST
        }

        private final Key key;
        private final boolean descending;

        Sort(Key key, boolean descending) {
            this.key = key;
            this.descending = descending;
        }

        public Key key() {
            return key;
        }

        public boolean descending() {
            return descending;
        }

        /** The sort by its name in any case ("newest"); empty for an unknown name. */
        public static Optional<Sort> parse(String name) {
            return parseEnum(Sort.class, name);
        }
    }

    /**
     * The input combinations of the model, by which inputs a task has; the same names as the create wizard's
     * modes.
     */
    public enum Mode {
        FIRST_FRAME(true, false, false, false), FIRST_FRAME_AUDIO(true, false, false, true),
        FIRST_LAST(true, true, false, false), FIRST_LAST_AUDIO(true, true, false, true),
        CONTINUE_CLIP(false, false, true, false), CONTINUE_CLIP_TO_FRAME(false, true, true, false);

        private final boolean firstFrame;
        private final boolean lastFrame;
        private final boolean firstClip;
        private final boolean drivingAudio;

        Mode(boolean firstFrame, boolean lastFrame, boolean firstClip, boolean drivingAudio) {
            this.firstFrame = firstFrame;
            this.lastFrame = lastFrame;
            this.firstClip = firstClip;
            this.drivingAudio = drivingAudio;
        }

        boolean firstFrame() {
            return firstFrame;
        }

        boolean lastFrame() {
            return lastFrame;
        }

        boolean firstClip() {
            return firstClip;
        }

        boolean drivingAudio() {
            return drivingAudio;
        }

        /** The mode a task was made in; empty for a task without inputs (a stitched film). */
        public static Optional<Mode> of(GenerationTask task) {
            for (Mode mode : values()) {
                if (mode.firstFrame == task.hasFirstFrame() && mode.lastFrame == task.hasLastFrame()
                        && mode.firstClip == task.hasFirstClip() && mode.drivingAudio == task.hasDrivingAudio()) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }

        /** The mode by its name in any case ("first_last"); empty for an unknown name. */
        public static Optional<Mode> parse(String name) {
            return parseEnum(Mode.class, name);
        }
    }

    /** The state filters people ask for: running (not yet finished), completed, failed, needs review. */
    public enum StateGroup {
        RUNNING(TaskState.SUBMITTING, TaskState.QUEUED, TaskState.PROCESSING, TaskState.DOWNLOADING),
        COMPLETED(TaskState.COMPLETED), FAILED(TaskState.FAILED), NEEDS_REVIEW(TaskState.NEEDS_REVIEW);

        private final Set<TaskState> states;

        StateGroup(TaskState first, TaskState... rest) {
            this.states = Set.copyOf(EnumSet.of(first, rest));
        }

        public Set<TaskState> states() {
            return states;
        }

        /**
         * The states a name stands for: a group ("running", "needs-review") or one state ("queued"), in any case,
         * with "-" or "_"; empty for an unknown name.
         */
        public static Optional<Set<TaskState>> parse(String name) {
            Optional<StateGroup> group = parseEnum(StateGroup.class, name);
            if (group.isPresent()) {
                return Optional.of(group.get().states);
            }
            return parseEnum(TaskState.class, name).map(Set::of);
        }
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String constant = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(constant)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
