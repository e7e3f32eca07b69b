package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.TaskState;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One task as the studio's list and the gallery show it: words and flags the page needs, worked out here so that the page has no
 * logic. A snapshot taken when the list was (re)loaded; kept in the view, hence serializable.
 */
public final class TaskCard implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("d MMM, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final long id;
    private final TaskState state;
    private final int progressPercent;
    private final Integer etaSeconds;
    private final String prompt;
    private final int durationSeconds;
    private final String resolution;
    private final BigDecimal cost;
    private final String currency;
    private final String failureReason;
    private final Instant createdAt;
    private final String videoUrl;
    private final String posterUrl;
    private final boolean favourite;
    private final Lineage lineage;
    private final Long parentTaskId;
    private final List<String> tags;

    private TaskCard(GenerationTask task, List<String> tags) {
        this.tags = tags;
        this.id = task.getId();
        this.favourite = task.isFavourite();
        this.lineage = task.getLineage();
        this.parentTaskId = task.getParentTaskId();
        this.state = task.getState();
        this.progressPercent = task.getProgressPercent();
        this.etaSeconds = task.getEtaSeconds();
        this.prompt = task.getPrompt();
        this.durationSeconds = task.getDurationSeconds();
        this.resolution = task.getResolution();
        this.cost = task.getCostEstimate();
        this.currency = task.getCurrency();
        this.failureReason = task.getFailureReason();
        this.createdAt = task.getCreatedAt();
        boolean playable = state == TaskState.COMPLETED && task.videoPath().isPresent();
        this.videoUrl = playable ? TaskMedia.pageLink(task, TaskMedia.Kind.VIDEO) : null;
        this.posterUrl = playable && task.posterPath().isPresent() ? TaskMedia.pageLink(task, TaskMedia.Kind.POSTER)
                : null;
    }

    public static TaskCard of(GenerationTask task) {
        return new TaskCard(task, List.of());
    }

    /** With the task's tags, which must have been loaded with it (the gallery's queries do). */
    public static TaskCard withTags(GenerationTask task) {
        return new TaskCard(task, List.copyOf(task.getTags()));
    }

    public List<String> getTags() {
        return tags;
    }

    public long getId() {
        return id;
    }

    /** The state's name, for CSS and tests ({@code data-state}). */
    public String getState() {
        return state.name();
    }

    public String getStateLabel() {
        return switch (state) {
            case SUBMITTING -> "Sending";
            case QUEUED -> "Queued";
            case PROCESSING -> "Generating";
            case DOWNLOADING -> "Saving";
            case COMPLETED -> "Ready";
            case FAILED -> "Failed";
            case NEEDS_REVIEW -> "Needs review";
        };
    }

    /** Still on its way: show progress. */
    public boolean isRunning() {
        return !state.isFinal() && state != TaskState.NEEDS_REVIEW;
    }

    public boolean isPlayable() {
        return videoUrl != null;
    }

    /** Failed or stuck: show the reason. */
    public boolean isProblem() {
        return state == TaskState.FAILED || state == TaskState.NEEDS_REVIEW;
    }

    public int getProgressPercent() {
        return progressPercent;
    }

    /** "about 40 s left", "about 3 min left", or null when the provider gave no estimate. */
    public String getEtaText() {
        if (etaSeconds == null || etaSeconds <= 0 || !isRunning()) {
            return null;
        }
        return etaSeconds < 90 ? "about " + etaSeconds + " s left" : "about " + Math.round(etaSeconds / 60.0)
                + " min left";
    }

    public String getPrompt() {
        return prompt;
    }

    public int getDurationSeconds() {
        return durationSeconds;
    }

    public String getResolution() {
        return resolution;
    }

    public BigDecimal getCost() {
        return cost;
    }

    public String getCurrency() {
        return currency;
    }

    public String getFailureReason() {
        return failureReason;
    }

    /** ISO-8601, for {@code <time datetime>}; the page shows it in the browser's time zone. */
    public String getCreatedAtIso() {
        return createdAt == null ? "" : createdAt.toString();
    }

    public String getCreatedAtText() {
        return createdAt == null ? "" : UTC_TIME.format(createdAt);
    }

    public boolean isFavourite() {
        return favourite;
    }

    /** "Remix of #12" and the like, or null for a task made from scratch. */
    public String getOrigin() {
        return lineage == null || parentTaskId == null ? null : lineage.label() + " #" + parentTaskId;
    }

    /** "Original", "Remix", "Extension", ...: what the task is in its lineage. */
    public String getKind() {
        return lineage == null ? "Original" : lineage.noun();
    }

    /** Made as a continuation of its parent (so its chain can be stitched). */
    public boolean isExtension() {
        return lineage == Lineage.EXTEND;
    }

    /** A film joined here from an extension chain (its seconds are the chain's). */
    public boolean isStitched() {
        return lineage == Lineage.STITCH;
    }

    public Long getParentTaskId() {
        return parentTaskId;
    }

    public String getVideoUrl() {
        return videoUrl;
    }

    public String getPosterUrl() {
        return posterUrl;
    }
}
