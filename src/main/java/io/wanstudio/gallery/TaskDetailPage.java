package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.generation.TaskInputs;
import io.wanstudio.generation.TaskReview;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.MediaFacts;
import io.wanstudio.media.MediaKind;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.faces.Faces;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The task detail page ({@code task.xhtml?id=N}): the video, every parameter, the inputs, cost and timings, and
 * the task's lineage. What the page shows is worked out here; actions go to the services.
 */
@Named
@ViewScoped
public class TaskDetailPage implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    UploadStore uploads;

    @Inject
    GalleryService gallery;

    @Inject
    ShareService shares;

    @Inject
    StitchService stitcher;

    @Inject
    TaskReview review;

    private Long id;
    private TaskCard card;
    private TaskView task;
    private List<InputView> inputs = List.of();
    private List<TaskCard> chain = List.of();
    private BigDecimal chainCost = BigDecimal.ZERO;
    private ArrayList<ShareView> links = new ArrayList<>();
    private String newTag;
    private String validity = "P7D";
    private String newLink;
    /** Whose task it is: the viewer, or another user when an admin opened it. */
    private String owner;
    private String providerTaskId;
    private boolean confirmChargedTwice;

    /** A share link as the page lists it. */
    public record ShareView(long id, String status, Instant expiresAt, boolean active) implements Serializable {
    }

    /** One input of the task as the page shows it. */
    public record InputView(String title, String label, String facts, String thumbnailPath, String filePath,
            String url, boolean audio) implements Serializable {
    }

    /** The parts of the task the page shows beyond its card. */
    public record TaskView(String negativePrompt, boolean promptExtend, boolean watermark, Long seedRequested,
            Long seedUsed, String providerTaskId, String mode, Instant createdAt, Instant acceptedAt,
            Instant processingStartedAt, Instant finishedAt, TaskState state) implements Serializable {
    }

    /**
     * View action: loads the owner's task; another user's is "not found", like one that does not exist, except
     * for an admin (the service checks the role again), who sees it without the owner's own actions.
     */
    public void load() {
        if (id == null) {
            return;
        }
        card = null;
        gallery.find(currentUser.name(), id)
                .or(() -> currentUser.isAdmin() ? gallery.findForAdmin(currentUser.name(), id) : java.util.Optional.empty())
                .ifPresent(found -> {
            owner = found.getOwner();
            card = TaskCard.withTags(found);
            if (isOwnTask()) {
                loadLinks();
            }
            TaskInputs in = found.inputs();
            task = new TaskView(in.negativePrompt(), in.promptExtend(), in.watermark(), found.getSeed(),
                    found.getSeedUsed(), found.getProviderTaskId(), modeOf(in), found.getCreatedAt(),
                    found.getAcceptedAt(), found.getProcessingStartedAt(), found.getFinishedAt(), found.getState());
            inputs = inputsOf(in);
            gallery.chain(owner, id).ifPresent(lineage -> {
                chain = lineage.tasks().stream().map(TaskCard::of).toList();
                chainCost = lineage.totalCost();
            });
        });
    }

    private void loadLinks() {
        Instant now = Instant.now();
        links = new ArrayList<>(shares.list(currentUser.name(), id).stream().map(link -> new ShareView(link.getId(),
                switch (link.status(now)) {
                    case ACTIVE -> "Active";
                    case EXPIRED -> "Expired";
                    case REVOKED -> "Revoked";
                }, link.getExpiresAt(), link.status(now) == ShareLink.Status.ACTIVE)).toList());
    }

    // ---- actions ----

    public void toggleFavourite() {
        gallery.setFavourite(currentUser.name(), id, !card.isFavourite())
                .ifPresent(task -> card = TaskCard.withTags(task));
    }

    public void addTag() {
        try {
            gallery.addTag(currentUser.name(), List.of(id), newTag);
            newTag = null;
            gallery.find(currentUser.name(), id).ifPresent(task -> card = TaskCard.withTags(task));
        } catch (Tags.InvalidTagException e) {
            Faces.fieldError("organise", "newTag", e.getMessage());
        }
    }

    public void removeTag(String tag) {
        gallery.removeTag(currentUser.name(), id, tag).ifPresent(task -> card = TaskCard.withTags(task));
    }

    /** A new read-only link to this video; its address is shown once (only its hash is kept). */
    public void share() {
        try {
            var link = shares.create(currentUser.name(), id, Duration.parse(validity));
            var external = FacesContext.getCurrentInstance().getExternalContext();
            int port = external.getRequestServerPort();
            boolean defaultPort = port == 80 && "http".equals(external.getRequestScheme())
                    || port == 443 && "https".equals(external.getRequestScheme());
            newLink = external.getRequestScheme() + "://" + external.getRequestServerName()
                    + (defaultPort ? "" : ":" + port) + external.getRequestContextPath() + link.path();
            loadLinks();
        } catch (ShareRefusedException | java.time.format.DateTimeParseException e) {
            Faces.error(e instanceof ShareRefusedException ? e.getMessage() : "Choose how long the link works.");
        }
    }

    public void revoke(long linkId) {
        shares.revoke(currentUser.name(), linkId);
        newLink = null;
        loadLinks();
    }

    /** Joins the extension chain ending here into one film, then opens it. */
    public void stitch() throws IOException {
        try {
            GenerationTask film = stitcher.stitch(currentUser.name(), id);
            Faces.info("Task #" + film.getId() + " is the film stitched from this chain.");
            Faces.redirect("/task.xhtml?id=" + film.getId());
        } catch (StitchRefusedException e) {
            Faces.error(e.getMessage());
        }
    }

    // ---- resolving a task in review (admins; the service checks the role and the state) ----

    public void attachProviderTask() {
        resolve(() -> review.attachProviderTaskId(currentUser.name(), Faces.clientAddress(), id, providerTaskId),
                "Attached the provider's task: it is being polled now.");
    }

    public void markFailed() {
        resolve(() -> review.markFailed(currentUser.name(), Faces.clientAddress(), id),
                "Marked failed: not charged.");
    }

    public void resubmit() throws IOException {
        try {
            GenerationTask retry = review.resubmit(currentUser.name(), Faces.clientAddress(), id, confirmChargedTwice);
            Faces.info("Resubmitted as task #" + retry.getId() + ".");
            Faces.redirect("/task.xhtml?id=" + retry.getId());
        } catch (TaskReview.RefusedException e) {
            Faces.error(e.getMessage());
        }
    }

    private void resolve(Resolution resolution, String done) {
        try {
            resolution.run();
            Faces.info(done);
            providerTaskId = null;
            load();
        } catch (TaskReview.RefusedException e) {
            Faces.error(e.getMessage());
            load(); // e.g. another admin resolved it meanwhile: show the task as it is now
        }
    }

    private interface Resolution {
        void run() throws TaskReview.RefusedException;
    }

    private List<InputView> inputsOf(TaskInputs in) {
        List<InputView> views = new ArrayList<>();
        addInput(views, "First frame", in.firstFrame());
        addInput(views, "Clip continued", in.firstClip());
        addInput(views, "Last frame", in.lastFrame());
        addInput(views, "Driving audio", in.drivingAudio());
        return views;
    }

    private void addInput(List<InputView> views, String title, String reference) {
        MediaSource source = MediaSource.ofReference(reference);
        if (source == null) {
            return;
        }
        if (source.uploadToken() == null) {
            views.add(new InputView(title, source.url(), "given by URL", null, null, source.url(), false));
            return;
        }
        uploads.find(owner, source.uploadToken()).ifPresentOrElse(upload -> {
            boolean audio = upload.getKind() == MediaKind.AUDIO;
            String path = "/media/uploads/" + upload.getToken();
            views.add(new InputView(title, upload.getFileName() == null ? title : upload.getFileName(),
                    MediaFacts.describe(upload.info()), audio ? null : path + "/thumbnail", path, null, audio));
        }, () -> views.add(new InputView(title, "(no longer kept)", null, null, null, null, false)));
    }

    private static String modeOf(TaskInputs in) {
        boolean clip = in.firstClip() != null;
        boolean last = in.lastFrame() != null;
        boolean audio = in.drivingAudio() != null;
        if (clip) {
            return last ? "Continue a clip to a last frame" : "Continue a clip";
        }
        if (last) {
            return audio ? "First and last frame + audio" : "First and last frame";
        }
        return audio ? "Image + driving audio" : in.firstFrame() != null ? "Animate an image" : "Made here";
    }

    /** The viewer's own task (an admin may be looking at someone else's). */
    public boolean isOwnTask() {
        return owner != null && owner.equals(currentUser.name());
    }

    public String getOwner() {
        return owner;
    }

    /** The resolve panel: an admin looking at a task in NEEDS_REVIEW. */
    public boolean isResolvable() {
        return task != null && task.state() == TaskState.NEEDS_REVIEW && currentUser.isAdmin();
    }

    public String getProviderTaskId() {
        return providerTaskId;
    }

    public void setProviderTaskId(String providerTaskId) {
        this.providerTaskId = providerTaskId;
    }

    public boolean isConfirmChargedTwice() {
        return confirmChargedTwice;
    }

    public void setConfirmChargedTwice(boolean confirmChargedTwice) {
        this.confirmChargedTwice = confirmChargedTwice;
    }

    public boolean isFound() {
        return card != null;
    }

    public TaskCard getCard() {
        return card;
    }

    public TaskView getTask() {
        return task;
    }

    public List<InputView> getInputs() {
        return inputs;
    }

    /** The lineage, oldest first; just this task when it was made from scratch. */
    public List<TaskCard> getChain() {
        return chain;
    }

    public boolean isInChain() {
        return chain.size() > 1;
    }

    /** What the whole chain cost (submits the provider refused cost nothing). */
    public BigDecimal getChainCost() {
        return chainCost;
    }

    public boolean isCompleted() {
        return task != null && task.state() == TaskState.COMPLETED;
    }

    public boolean isFailed() {
        return task != null && task.state() == TaskState.FAILED;
    }

    /** "12 s", "3 min 4 s"; null when either end is unknown. */
    public static String span(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return null;
        }
        long seconds = Duration.between(from, to).toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    public String getSendTime() {
        return task == null ? null : span(task.createdAt(), task.acceptedAt());
    }

    public String getQueuedTime() {
        return task == null ? null : span(task.acceptedAt(), task.processingStartedAt());
    }

    public String getProcessingTime() {
        return task == null ? null : span(task.processingStartedAt(), task.finishedAt());
    }

    public String getTotalTime() {
        return task == null ? null : span(task.createdAt(), task.finishedAt());
    }

    /** An extension whose chain can be joined into one film. */
    public boolean isStitchable() {
        return isCompleted() && chain.size() > 1 && card.isExtension();
    }

    public List<ShareView> getLinks() {
        return links;
    }

    public String getNewLink() {
        return newLink;
    }

    public String getValidity() {
        return validity;
    }

    public void setValidity(String validity) {
        this.validity = validity;
    }

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }
}
