package io.wanstudio.generation;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One paid request to the provider, from before its POST until its video is in our media store. Every state
 * change goes through the methods below, which ignore events that come late or twice: a repeated poll, a
 * second instance, or a restart can do no harm.
 */
@Entity
@Table(name = "generation_task")
@NamedQuery(name = GenerationTask.BY_ID_AND_OWNER,
        query = "SELECT t FROM GenerationTask t WHERE t.id = :id AND t.owner = :owner")
@NamedQuery(name = GenerationTask.BY_CLIENT_REQUEST,
        query = "SELECT t FROM GenerationTask t WHERE t.owner = :owner AND t.clientRequestId = :clientRequestId")
@NamedQuery(name = GenerationTask.DUE_FOR_POLL,
        query = "SELECT t.id FROM GenerationTask t WHERE t.state IN :states AND t.nextPollAt <= :now"
                + " AND (t.claimedUntil IS NULL OR t.claimedUntil < :now) ORDER BY t.nextPollAt")
@NamedQuery(name = GenerationTask.STALE_SUBMITS,
        query = "SELECT t FROM GenerationTask t WHERE t.state = io.wanstudio.generation.TaskState.SUBMITTING"
                + " AND t.submitStartedAt < :before")
@NamedQuery(name = GenerationTask.CLAIM,
        query = "UPDATE GenerationTask t SET t.claimedBy = :instance, t.claimedUntil = :until"
                + " WHERE t.id = :id AND (t.claimedUntil IS NULL OR t.claimedUntil < :now)")
@NamedQuery(name = GenerationTask.RELEASE,
        query = "UPDATE GenerationTask t SET t.claimedBy = NULL, t.claimedUntil = NULL"
                + " WHERE t.id = :id AND t.claimedBy = :instance")
public class GenerationTask {
    static final String BY_ID_AND_OWNER = "GenerationTask.byIdAndOwner";
    static final String BY_CLIENT_REQUEST = "GenerationTask.byClientRequest";
    static final String DUE_FOR_POLL = "GenerationTask.dueForPoll";
    static final String STALE_SUBMITS = "GenerationTask.staleSubmits";
    static final String CLAIM = "GenerationTask.claim";
    static final String RELEASE = "GenerationTask.release";

    @Id
    @SequenceGenerator(name = "task_seq", sequenceName = "generation_task_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_seq")
    private Long id;

    private String owner;
    @Column(name = "client_request_id")
    private String clientRequestId;
    @Enumerated(EnumType.STRING)
    private TaskState state;

    private String prompt;
    @Column(name = "negative_prompt")
    private String negativePrompt;
    @Column(name = "first_frame")
    private String firstFrame;
    @Column(name = "last_frame")
    private String lastFrame;
    @Column(name = "first_clip")
    private String firstClip;
    @Column(name = "driving_audio")
    private String drivingAudio;
    @Column(name = "duration_seconds")
    private int durationSeconds;
    private String resolution;
    @Column(name = "prompt_extend")
    private boolean promptExtend;
    private boolean watermark;
    private Long seed;
    @Column(name = "cost_estimate")
    private BigDecimal costEstimate;
    private String currency;

    @Column(name = "provider_task_id")
    private String providerTaskId;
    @Column(name = "progress_percent")
    private int progressPercent;
    @Column(name = "eta_seconds")
    private Integer etaSeconds;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "result_url")
    private String resultUrl;
    @Column(name = "result_url_expires")
    private Instant resultUrlExpires;
    @Column(name = "video_path")
    private String videoPath;
    @Column(name = "poster_path")
    private String posterPath;
    @Column(name = "video_sha256")
    private String videoSha256;
    @Column(name = "video_bytes")
    private Long videoBytes;

    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "submit_started_at")
    private Instant submitStartedAt;
    @Column(name = "accepted_at")
    private Instant acceptedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "next_poll_at")
    private Instant nextPollAt;
    @Column(name = "poll_failures")
    private int pollFailures;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Version
    private long version;

    @Column(name = "processing_started_at")
    private Instant processingStartedAt;
    @Column(name = "seed_used")
    private Long seedUsed;
    private boolean favourite;
    @Column(name = "parent_task_id")
    private Long parentTaskId;
    @Enumerated(EnumType.STRING)
    private Lineage lineage;
    @ElementCollection
    @CollectionTable(name = "task_tag", joinColumns = @JoinColumn(name = "task_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    protected GenerationTask() {
    }

    /** A new task in SUBMITTING, written (and committed) before the paid POST is sent. */
    public static GenerationTask submitting(String owner, String clientRequestId, TaskInputs inputs,
            BigDecimal costEstimate, String currency, Instant now) {
        var task = new GenerationTask();
        task.owner = owner;
        task.clientRequestId = clientRequestId;
        task.state = TaskState.SUBMITTING;
        task.prompt = inputs.prompt();
        task.negativePrompt = inputs.negativePrompt();
        task.firstFrame = inputs.firstFrame();
        task.lastFrame = inputs.lastFrame();
        task.firstClip = inputs.firstClip();
        task.drivingAudio = inputs.drivingAudio();
        task.durationSeconds = inputs.durationSeconds();
        task.resolution = inputs.resolution();
        task.promptExtend = inputs.promptExtend();
        task.watermark = inputs.watermark();
        task.seed = inputs.seed();
        task.costEstimate = costEstimate;
        task.currency = currency;
        task.createdAt = now;
        task.submitStartedAt = now;
        task.updatedAt = now;
        return task;
    }

    /**
     * A finished video made here, not by the provider (the films stitched from an extension chain): COMPLETED
     * from the start, costing nothing, with {@code parent} (the chain's last task) as its parent.
     */
    public static GenerationTask madeLocally(GenerationTask parent, Lineage lineage, int durationSeconds,
            String videoPath, String posterPath, String sha256, long bytes, Instant now) {
        var task = new GenerationTask();
        task.owner = parent.owner;
        task.state = TaskState.COMPLETED;
        task.prompt = parent.prompt;
        task.durationSeconds = durationSeconds;
        task.resolution = parent.resolution;
        task.promptExtend = parent.promptExtend;
        task.watermark = parent.watermark;
        task.costEstimate = BigDecimal.ZERO;
        task.currency = parent.currency;
        task.progressPercent = 100;
        task.videoPath = videoPath;
        task.posterPath = posterPath;
        task.videoSha256 = sha256;
        task.videoBytes = bytes;
        task.createdAt = now;
        task.finishedAt = now;
        task.updatedAt = now;
        task.derivedFrom(new Lineage.Origin(parent.id, lineage));
        return task;
    }

    /** Records the task this one was made from (before it is first stored). */
    public void derivedFrom(Lineage.Origin origin) {
        if (origin != null) {
            this.parentTaskId = origin.parentTaskId();
            this.lineage = origin.lineage();
        }
    }

    public boolean markFavourite(boolean favourite, Instant now) {
        if (this.favourite == favourite) {
            return false;
        }
        this.favourite = favourite;
        return touched(now);
    }

    /** Adds a tag (already normalised by the caller); false when the task had it. */
    public boolean tag(String tag) {
        return tags.add(tag);
    }

    public boolean untag(String tag) {
        return tags.remove(tag);
    }

    /** The provider accepted the POST and gave its task id. */
    public boolean accepted(String providerTaskId, Instant firstPollAt, Instant now) {
        if (state != TaskState.SUBMITTING && state != TaskState.NEEDS_REVIEW) {
            return false;
        }
        this.providerTaskId = providerTaskId;
        this.state = TaskState.QUEUED;
        this.acceptedAt = now;
        this.nextPollAt = firstPollAt;
        return touched(now);
    }

    /** The provider refused the POST for sure (validation, auth, balance, rate limit): nothing was created. */
    public boolean refused(String reason, Instant now) {
        return state == TaskState.SUBMITTING && finish(TaskState.FAILED, reason, now);
    }

    /** The POST may or may not have reached the provider: a person decides; it is never resent by itself. */
    public boolean submitOutcomeUnknown(String reason, Instant now) {
        if (state != TaskState.SUBMITTING) {
            return false;
        }
        this.state = TaskState.NEEDS_REVIEW;
        this.failureReason = reason;
        return touched(now);
    }

    /**
     * A person found the provider's task for a submit whose outcome was unknown: it is polled at once and then
     * completes (or fails) like any other.
     */
    public boolean providerTaskFound(String providerTaskId, Instant now) {
        if (state != TaskState.NEEDS_REVIEW) {
            return false;
        }
        this.providerTaskId = providerTaskId;
        this.state = TaskState.QUEUED;
        this.failureReason = null;
        this.acceptedAt = now;
        this.nextPollAt = now;
        return touched(now);
    }

    /** A person decided that the unknown submit created nothing at the provider: failed, nothing charged. */
    public boolean reviewedAsNotCharged(String admin, Instant now) {
        return state == TaskState.NEEDS_REVIEW
                && finish(TaskState.FAILED, "Marked failed by " + admin + ": not charged.", now);
    }

    /**
     * A person sends the same request again as a new task: this one is closed first (so that a second click
     * cannot send it twice), then {@link #resubmittedAs} names the new task.
     */
    public boolean resubmitting(String admin, Instant now) {
        return state == TaskState.NEEDS_REVIEW && finish(TaskState.FAILED, "Resubmitted by " + admin + ".", now);
    }

    /** The task that {@link #resubmitting} sent, or why nothing was sent after all. */
    public boolean resubmittedAs(String outcome, Instant now) {
        if (state != TaskState.FAILED || failureReason == null || !failureReason.startsWith("Resubmitted by ")) {
            return false;
        }
        this.failureReason = outcome;
        return touched(now);
    }

    /** A poll found the task still queued or running. */
    public boolean progressed(boolean running, int progressPercent, Integer etaSeconds, Instant nextPollAt,
            Instant now) {
        if (state != TaskState.QUEUED && state != TaskState.PROCESSING) {
            return false;
        }
        this.state = running ? TaskState.PROCESSING : TaskState.QUEUED;
        if (running && processingStartedAt == null) {
            processingStartedAt = now;
        }
        // Progress never goes backwards on the page, even if the provider's estimate does.
        this.progressPercent = Math.max(this.progressPercent, Math.min(99, Math.max(0, progressPercent)));
        this.etaSeconds = etaSeconds;
        this.nextPollAt = nextPollAt;
        this.pollFailures = 0;
        return touched(now);
    }

    /** The provider finished; its video now has to be copied in before its link expires. */
    public boolean succeeded(String resultUrl, Instant resultUrlExpires, Instant now) {
        if (state != TaskState.QUEUED && state != TaskState.PROCESSING) {
            return false;
        }
        this.state = TaskState.DOWNLOADING;
        this.progressPercent = 100;
        this.etaSeconds = 0;
        this.resultUrl = resultUrl;
        this.resultUrlExpires = resultUrlExpires;
        this.nextPollAt = now;
        this.pollFailures = 0;
        return touched(now);
    }

    /** The seed the provider reports it used (it picks one when the request had none). */
    public void seedUsed(Long seed) {
        if (seed != null) {
            this.seedUsed = seed;
        }
    }

    /** The video and its poster are in the media store. */
    public boolean stored(String videoPath, String posterPath, String sha256, long bytes, Instant now) {
        if (state != TaskState.DOWNLOADING) {
            return false;
        }
        this.videoPath = videoPath;
        this.posterPath = posterPath;
        this.videoSha256 = sha256;
        this.videoBytes = bytes;
        this.resultUrl = null;
        return finish(TaskState.COMPLETED, null, now);
    }

    /** The provider (or the download) failed the task for good. */
    public boolean failed(String reason, Instant now) {
        if (state.isFinal() || state == TaskState.SUBMITTING) {
            return false;
        }
        return finish(TaskState.FAILED, reason, now);
    }

    /** A poll or download went wrong for a passing reason: try again later. */
    public boolean retryLater(Instant nextPollAt, Instant now) {
        if (!state.isPolled()) {
            return false;
        }
        this.pollFailures++;
        this.nextPollAt = nextPollAt;
        return touched(now);
    }

    /** The provider asked us to wait (429 with Retry-After): not a failure, so it counts toward no limit. */
    public boolean waitUntil(Instant nextPollAt, Instant now) {
        if (!state.isPolled()) {
            return false;
        }
        this.nextPollAt = nextPollAt;
        return touched(now);
    }

    private boolean finish(TaskState finalState, String reason, Instant now) {
        this.state = finalState;
        this.failureReason = reason;
        this.finishedAt = now;
        this.nextPollAt = null;
        return touched(now);
    }

    private boolean touched(Instant now) {
        this.updatedAt = now;
        return true;
    }

    /** What the user asked for, as at submit: lets the same request be made again (remix). */
    public TaskInputs inputs() {
        return new TaskInputs(firstFrame, lastFrame, firstClip, drivingAudio, prompt, negativePrompt, durationSeconds,
                resolution, promptExtend, watermark, seed);
    }

    /** True when one of the task's inputs is the upload with this token (so the file must be kept). */
    public boolean usesUpload(String token) {
        String reference = RequestValidator.UPLOAD_PREFIX + token;
        return Stream.of(firstFrame, lastFrame, firstClip, drivingAudio)
                .anyMatch(reference::equals);
    }

    /** Tokens of the uploads among the task's inputs (its other inputs are URLs): kept while a task uses them. */
    public Set<String> uploadTokens() {
        Set<String> tokens = new TreeSet<>();
        Stream.of(firstFrame, lastFrame, firstClip, drivingAudio)
                .filter(input -> input != null && input.startsWith(RequestValidator.UPLOAD_PREFIX))
                .forEach(input -> tokens.add(input.substring(RequestValidator.UPLOAD_PREFIX.length())));
        return tokens;
    }

    /** Which inputs the task was made from, each true when given (the gallery derives its mode from them). */
    public boolean hasFirstFrame() {
        return firstFrame != null;
    }

    public boolean hasLastFrame() {
        return lastFrame != null;
    }

    public boolean hasFirstClip() {
        return firstClip != null;
    }

    public boolean hasDrivingAudio() {
        return drivingAudio != null;
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getClientRequestId() {
        return clientRequestId;
    }

    public TaskState getState() {
        return state;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getNegativePrompt() {
        return negativePrompt;
    }

    public int getDurationSeconds() {
        return durationSeconds;
    }

    public String getResolution() {
        return resolution;
    }

    public BigDecimal getCostEstimate() {
        return costEstimate;
    }

    public String getCurrency() {
        return currency;
    }

    public String getProviderTaskId() {
        return providerTaskId;
    }

    public int getProgressPercent() {
        return progressPercent;
    }

    public Integer getEtaSeconds() {
        return etaSeconds;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getResultUrl() {
        return resultUrl;
    }

    public Instant getResultUrlExpires() {
        return resultUrlExpires;
    }

    public Optional<String> videoPath() {
        return Optional.ofNullable(videoPath);
    }

    public Optional<String> posterPath() {
        return Optional.ofNullable(posterPath);
    }

    public String getVideoSha256() {
        return videoSha256;
    }

    public Long getVideoBytes() {
        return videoBytes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSubmitStartedAt() {
        return submitStartedAt;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getNextPollAt() {
        return nextPollAt;
    }

    public int getPollFailures() {
        return pollFailures;
    }

    public Instant getProcessingStartedAt() {
        return processingStartedAt;
    }

    /** The seed the video was made with: the user's, else the one the provider reported; null if unknown. */
    public Long getSeedUsed() {
        return seedUsed != null ? seedUsed : seed;
    }

    public Long getSeed() {
        return seed;
    }

    public boolean isFavourite() {
        return favourite;
    }

    public Long getParentTaskId() {
        return parentTaskId;
    }

    public Lineage getLineage() {
        return lineage;
    }

    /** The task's tags, sorted; read inside a transaction or after a fetch (lazy). */
    public Set<String> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    public long getVersion() {
        return version;
    }
}
