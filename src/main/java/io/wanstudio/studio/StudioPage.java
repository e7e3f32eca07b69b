package io.wanstudio.studio;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.generation.Pricing;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.faces.Faces;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The studio page: a first frame (uploaded as soon as it is chosen, or a URL), a prompt, duration and resolution
 * with their price, and the user's tasks, kept current by pushes from {@link TaskPush}. Each action forwards to
 * one service; the rules live there.
 *
 * <p>Double submits: every rendered form carries a one-time key ({@link #getClientRequestId()}) that the service
 * uses as the request's idempotency key. A double click or a resubmitted form sends the same key again and gets
 * the task already made; only a successful submit renders a new key.
 */
@Named
@ViewScoped
public class StudioPage implements Serializable {
    static final String FORM = "studio";
    /** Where each request field's message is shown: the components of the form {@value #FORM}. */
    private static final Map<String, String> COMPONENT_OF_FIELD = Map.of(
            GenerationRequest.FIRST_FRAME, "firstFrameFile", GenerationRequest.PROMPT, "prompt",
            GenerationRequest.DURATION, "duration", GenerationRequest.RESOLUTION, "resolution");
    private static final int LISTED_TASKS = 50;
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    @Inject
    UploadStore uploads;

    @Inject
    Pricing pricing;

    @Inject
    ProviderMode providerMode;

    private transient Part firstFrameFile;
    private String firstFrameToken;
    private String firstFrameLabel;
    private String firstFrameUrl;
    private String prompt;
    private Integer durationSeconds = NovitaInputRules.DEFAULT_DURATION;
    private String resolution = NovitaInputRules.DEFAULT_RESOLUTION;
    private String clientRequestId = newKey();
    private ArrayList<TaskCard> tasks = new ArrayList<>();

    @PostConstruct
    void init() {
        refreshTasks();
    }

    /** Ajax, when a file is chosen: keeps it (checked by content) so that later errors never ask for it again. */
    public void uploadFirstFrame() {
        Part part = firstFrameFile;
        firstFrameFile = null;
        if (part == null || part.getSize() == 0) {
            return;
        }
        try (InputStream content = part.getInputStream()) {
            StoredUpload upload = uploads.store(currentUser.name(), NovitaInputRules.of(MediaRole.FIRST_FRAME),
                    part.getSubmittedFileName(),
                    content);
            firstFrameToken = upload.getToken();
            firstFrameLabel = describe(upload);
        } catch (UploadRejectedException e) {
            forgetFirstFrame();
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(GenerationRequest.FIRST_FRAME), e.getMessage());
        } catch (IOException e) {
            forgetFirstFrame();
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(GenerationRequest.FIRST_FRAME),
                    "The file could not be read completely; please choose it again.");
        } finally {
            deleteQuietly(part);
        }
    }

    public void forgetFirstFrame() {
        firstFrameToken = null;
        firstFrameLabel = null;
    }

    public void generate() {
        try {
            GenerationTask task = generations.submit(currentUser.name(), request());
            clientRequestId = newKey();
            refreshTasks();
            switch (task.getState()) {
                case FAILED -> Faces.error("Not started: " + task.getFailureReason());
                case NEEDS_REVIEW -> Faces.error(task.getFailureReason());
                default -> Faces.info("Task #" + task.getId() + " submitted. It is listed under Your "
                        + "videos, which update by themselves.");
            }
        } catch (InvalidRequestException e) {
            Faces.fieldErrors(FORM, COMPONENT_OF_FIELD, e.fieldErrors());
        }
    }

    /** Ajax, on a push about a task this page does not show yet (or after the socket reconnected). */
    public void refreshTasks() {
        tasks = new ArrayList<>(generations.list(currentUser.name(), 0, LISTED_TASKS).stream().map(TaskCard::of)
                .toList());
    }

    /**
     * Ajax, on a push about a task the page shows: replaces just that card in place, so the card's position (and
     * so its client id, which the page re-renders) stays the same, and videos elsewhere keep playing.
     */
    public void refreshTask() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("taskId");
        if (id == null || !id.matches("\\d{1,18}")) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).getId() == Long.parseLong(id)) {
                int index = i;
                generations.find(currentUser.name(), Long.parseLong(id))
                        .ifPresent(task -> tasks.set(index, TaskCard.of(task)));
                return;
            }
        }
    }

    private GenerationRequest request() {
        var firstFrame = new MediaSource(firstFrameUrl, firstFrameToken);
        return new GenerationRequest(firstFrame.isEmpty() ? null : firstFrame, null, null, null, prompt, null,
                durationSeconds, resolution, null, null, null, clientRequestId);
    }

    /** What the chosen duration and resolution cost; null while the duration is not a valid one. */
    public BigDecimal getCostEstimate() {
        return validDuration() ? pricing.estimate(durationSeconds, resolution) : null;
    }

    public BigDecimal getPricePerSecond() {
        return pricing.estimate(1, resolution);
    }

    public String getCurrency() {
        return pricing.currency();
    }

    private boolean validDuration() {
        return durationSeconds != null && durationSeconds >= NovitaInputRules.MIN_DURATION
                && durationSeconds <= NovitaInputRules.MAX_DURATION;
    }

    public List<TaskCard> getTasks() {
        return tasks;
    }

    /** The websocket's user: pushes go to the owner's pages only. */
    public String getPushUser() {
        return currentUser.name();
    }

    /** True when the built-in simulator plays the provider: nothing is paid for. */
    public boolean isSimulated() {
        return !providerMode.usesRealKey();
    }

    public int getMinDuration() {
        return NovitaInputRules.MIN_DURATION;
    }

    public int getMaxDuration() {
        return NovitaInputRules.MAX_DURATION;
    }

    public int getPromptMaxChars() {
        return NovitaInputRules.PROMPT_MAX_CHARS;
    }

    public List<String> getResolutions() {
        return List.of("720P", "1080P");
    }

    public Part getFirstFrameFile() {
        return firstFrameFile;
    }

    public void setFirstFrameFile(Part firstFrameFile) {
        this.firstFrameFile = firstFrameFile;
    }

    public boolean isFirstFrameUploaded() {
        return firstFrameToken != null;
    }

    public String getFirstFrameLabel() {
        return firstFrameLabel;
    }

    public String getFirstFrameUrl() {
        return firstFrameUrl;
    }

    public void setFirstFrameUrl(String firstFrameUrl) {
        this.firstFrameUrl = firstFrameUrl;
    }

    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    public Integer getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Integer durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
    }

    public String getClientRequestId() {
        return clientRequestId;
    }

    /** Set from the rendered form's hidden field: a resubmitted form brings back its own key. */
    public void setClientRequestId(String clientRequestId) {
        if (clientRequestId != null && clientRequestId.matches("[0-9a-f-]{36}")) {
            this.clientRequestId = clientRequestId; // anything else was not rendered by us: keep our own key
        }
    }

    private static String describe(StoredUpload upload) {
        var info = upload.info();
        String name = upload.getFileName() == null ? "Image" : upload.getFileName();
        return name + " · " + info.width() + " × " + info.height();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static void deleteQuietly(Part part) {
        try {
            part.delete();
        } catch (IOException ignored) {
            // the container removes its temporary upload files at the end of the request anyway
        }
    }
}
