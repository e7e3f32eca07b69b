package io.wanstudio.studio;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.generation.Pricing;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.MediaFacts;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.faces.Faces;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The create wizard: media, description, output, review, then one paid submit. Everything chosen lives here for
 * the life of the page, so going back and forth loses nothing; the rules are the service's (each step asks
 * {@link GenerationService#problemsWith} and shows what concerns its own fields).
 *
 * <p>Double submits: a wizard run has one idempotency key ({@link #runKey}). A second submit of the run, a double
 * click that got through or a re-posted form, finds the task already made and says so; only "start over" or
 * "run again" begin a new run with a new key.
 */
@Named
@ViewScoped
public class CreateWizard implements Serializable {
    static final String FORM = "create";
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FILE = ":file";

    /** The wizard's steps, in order; each owns the request fields it asks for. */
    public enum Step {
        MEDIA("Media", GenerationRequest.FIRST_FRAME, GenerationRequest.LAST_FRAME, GenerationRequest.FIRST_CLIP,
                GenerationRequest.DRIVING_AUDIO),
        DESCRIBE("Describe", GenerationRequest.PROMPT, GenerationRequest.NEGATIVE_PROMPT),
        OUTPUT("Output", GenerationRequest.DURATION, GenerationRequest.RESOLUTION, GenerationRequest.SEED),
        REVIEW("Review");

        private final String title;
        private final Set<String> fields;

        Step(String title, String... fields) {
            this.title = title;
            this.fields = Set.of(fields);
        }

        public String getTitle() {
            return title;
        }

        public int getNumber() {
            return ordinal() + 1;
        }

        public String getName() {
            return name();
        }

        static Step owning(String field) {
            // a message about the whole request (the budget, at submit) is shown where the price is: the review
            return Arrays.stream(values()).filter(step -> step.fields.contains(field)).findFirst().orElse(REVIEW);
        }
    }

    /** Where each field's message is shown: component ids within the form {@value #FORM}. */
    private static final Map<String, String> COMPONENT_OF_FIELD = Map.of(
            GenerationRequest.FIRST_FRAME, GenerationRequest.FIRST_FRAME + FILE,
            GenerationRequest.LAST_FRAME, GenerationRequest.LAST_FRAME + FILE,
            GenerationRequest.FIRST_CLIP, GenerationRequest.FIRST_CLIP + FILE,
            GenerationRequest.DRIVING_AUDIO, GenerationRequest.DRIVING_AUDIO + FILE,
            GenerationRequest.PROMPT, "prompt", GenerationRequest.NEGATIVE_PROMPT, "negativePrompt",
            GenerationRequest.DURATION, "duration", GenerationRequest.RESOLUTION, "resolution",
            GenerationRequest.SEED, "seed");

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    @Inject
    UploadStore uploads;

    @Inject
    Pricing pricing;

    @Inject
    io.wanstudio.budget.Budgets budgets;

    @Inject
    Extensions extensions;

    @Inject
    io.wanstudio.platform.ProviderMode providerMode;

    private Step step = Step.MEDIA;
    private Step furthest = Step.MEDIA;
    private CreateMode mode = CreateMode.FIRST_FRAME;
    private final EnumMap<MediaRole, MediaSlot> slots = new EnumMap<>(MediaRole.class);
    private String prompt;
    private String negativePrompt;
    private boolean promptExtend = true;
    private Integer durationSeconds = NovitaInputRules.DEFAULT_DURATION;
    private String resolution = NovitaInputRules.DEFAULT_RESOLUTION;
    private boolean fixedSeed;
    private Long seed;
    private boolean watermark;
    private String runKey = newKey();
    private Long submittedTaskId;
    /** The task this run makes a new one from (remix, retry, extend), and how; null for a fresh video. */
    private Long parentTaskId;
    private Lineage lineage;

    public CreateWizard() {
        for (MediaRole role : MediaRole.values()) {
            slots.put(role, new MediaSlot(role));
        }
    }

    // ---- media ----

    /** Ajax, when a file is chosen or dropped: kept at once if its content passes the field's rules. */
    public void upload(String role) {
        MediaSlot slot = slot(role);
        Part part = slot.getFile();
        slot.setFile(null);
        if (part == null || part.getSize() == 0) {
            return;
        }
        try (InputStream content = part.getInputStream()) {
            hold(slot, uploads.store(owner(), NovitaInputRules.of(slot.getRole()), part.getSubmittedFileName(),
                    content));
            slot.setUrl(null);
        } catch (UploadRejectedException e) {
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()), e.getMessage());
        } catch (IOException e) {
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()),
                    "The file could not be read completely; please choose it again.");
        } finally {
            try {
                part.delete();
            } catch (IOException ignored) {
                // the container removes its temporary upload files at the end of the request anyway
            }
        }
    }

    /** Ajax, "Use this URL": the file is fetched here, through the address guard, and checked like an upload. */
    public void fetchUrl(String role) {
        fetch(slot(role));
    }

    private boolean fetch(MediaSlot slot) {
        String url = slot.getUrl();
        if (url == null) {
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()), "Paste the address of the file first.");
            return false;
        }
        try {
            hold(slot, uploads.storeFromUrl(owner(), NovitaInputRules.of(slot.getRole()), url));
            slot.setUrl(url);
            return true;
        } catch (UploadRejectedException e) {
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()), e.getMessage());
            return false;
        }
    }

    public void remove(String role) {
        discard(slot(role).clear());
    }

    private void hold(MediaSlot slot, StoredUpload upload) {
        discard(slot.hold(upload));
    }

    private void discard(String token) {
        if (token != null) {
            generations.discardUnusedUpload(owner(), token);
        }
    }

    // ---- navigation ----

    public void next() {
        if (step != Step.REVIEW && passes(step)) {
            show(Step.values()[step.ordinal() + 1]);
        }
    }

    public void back() {
        if (step != Step.MEDIA) {
            step = Step.values()[step.ordinal() - 1];
        }
    }

    /** The step list: an earlier step opens at once; a later one once every step before it passes. */
    public void goTo(String target) {
        Step wanted = Step.valueOf(target);
        while (step.compareTo(wanted) < 0) {
            if (!passes(step)) {
                return;
            }
            show(Step.values()[step.ordinal() + 1]);
        }
        step = wanted;
    }

    private void show(Step next) {
        step = next;
        if (next.compareTo(furthest) > 0) {
            furthest = next;
        }
    }

    /** Checks the fields of one step; shows their messages and answers false when one breaks a rule. */
    private boolean passes(Step checked) {
        if (checked == Step.MEDIA && !mediaChosen()) {
            return false;
        }
        Map<String, String> problems = new LinkedHashMap<>(generations.problemsWith(owner(), request()));
        problems.keySet().removeIf(field -> Step.owning(field) != checked);
        if (problems.isEmpty()) {
            return true;
        }
        Faces.fieldErrors(FORM, COMPONENT_OF_FIELD, problems);
        return false;
    }

    /** Every medium of the mode is held (a URL typed but not yet fetched is fetched now). */
    private boolean mediaChosen() {
        boolean complete = true;
        for (MediaRole role : mode.getMedia()) {
            MediaSlot slot = slots.get(role);
            if (slot.hasPendingUrl() && !fetch(slot)) {
                complete = false;
            } else if (!slot.isFilled()) {
                Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()),
                        "Choose a file or paste a URL for the " + slot.getTitle().toLowerCase() + ".");
                complete = false;
            }
        }
        return complete;
    }

    // ---- submit ----

    /**
     * The one paid action. Synchronized: two posts of the same run (the page's button is disabled after one
     * click, but a form can be re-posted) are served one after the other, and the second finds the first's task.
     */
    public synchronized void submit() {
        if (submittedTaskId != null) {
            Faces.error(alreadySubmitted(submittedTaskId));
            return;
        }
        var earlier = generations.findByClientRequest(owner(), runKey);
        if (earlier.isPresent()) {
            submittedTaskId = earlier.get().getId();
            Faces.error(alreadySubmitted(submittedTaskId));
            return;
        }
        for (Step checked : List.of(Step.MEDIA, Step.DESCRIBE, Step.OUTPUT)) {
            if (!passes(checked)) {
                step = checked;
                return;
            }
        }
        try {
            GenerationTask task = generations.submit(owner(), request(),
                    lineage == null ? null : new Lineage.Origin(parentTaskId, lineage));
            submittedTaskId = task.getId();
            discardUnusedMedia();
            switch (task.getState()) {
                case FAILED -> Faces.error("Task #" + task.getId() + " was not started: " + task.getFailureReason());
                case NEEDS_REVIEW -> Faces.error("Task #" + task.getId() + ": " + task.getFailureReason());
                default -> Faces.info("Task #" + task.getId() + " is on its way. It is at the top of Your videos, "
                        + "which update by themselves.");
            }
        } catch (InvalidRequestException e) {
            Faces.fieldErrors(FORM, COMPONENT_OF_FIELD, e.fieldErrors());
            step = e.fieldErrors().keySet().stream().map(Step::owning).min(Enum::compareTo).orElse(Step.MEDIA);
        }
    }

    private static String alreadySubmitted(long taskId) {
        return "This video was already submitted as task #" + taskId + "; nothing new was created.";
    }

    /** Media chosen for another mode than the one submitted: nothing will use them. */
    private void discardUnusedMedia() {
        slots.values().stream().filter(slot -> !mode.uses(slot.getRole())).forEach(slot -> discard(slot.clear()));
    }

    /** After a submit: the same choices again as a new run (a variation), opened on the review step. */
    public void runAgain() {
        runKey = newKey();
        submittedTaskId = null;
        step = Step.REVIEW;
    }

    /** A blank wizard; media no task uses are removed. */
    public void startOver() {
        if (submittedTaskId == null) {
            slots.values().forEach(slot -> discard(slot.clear()));
        }
        slots.replaceAll((role, slot) -> new MediaSlot(role));
        prompt = null;
        negativePrompt = null;
        promptExtend = true;
        durationSeconds = NovitaInputRules.DEFAULT_DURATION;
        resolution = NovitaInputRules.DEFAULT_RESOLUTION;
        fixedSeed = false;
        seed = null;
        watermark = false;
        mode = CreateMode.FIRST_FRAME;
        step = Step.MEDIA;
        furthest = Step.MEDIA;
        runKey = newKey();
        submittedTaskId = null;
        parentTaskId = null;
        lineage = null;
    }

    // ---- made from another task: remix, retry, extend ----

    /**
     * View action for {@code ?remix=<id>}, {@code ?retry=<id>} (a failed task as a new one; the failed one stays)
     * and {@code ?extend=<id>} (a continuation whose first clip is that task's video). The new task will link to
     * its parent.
     */
    public void open() {
        if (FacesContext.getCurrentInstance().isPostback() || parentTaskId == null || lineage == null) {
            return;
        }
        var parent = generations.find(owner(), parentTaskId);
        if (parent.isEmpty()) {
            Faces.error("Task #" + parentTaskId + " was not found among your videos; start a new one here.");
            lineage = null;
            return;
        }
        switch (lineage) {
            case REMIX -> openCopy("A remix of task #" + parentTaskId + ": everything is as it was. Change what you "
                    + "like, then generate.");
            case RETRY -> {
                if (parent.get().getState() != TaskState.FAILED) {
                    Faces.error("Only a failed task can be retried; task #" + parentTaskId + " is "
                            + parent.get().getState().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
                    lineage = null;
                    return;
                }
                openCopy("A retry of task #" + parentTaskId + ": the same request as a new task (the failed one "
                        + "stays). Check it, then generate.");
            }
            case EXTEND -> openExtension(parent.get());
            default -> lineage = null;
        }
    }

    private void openCopy(String notice) {
        GenerationRequest r = generations.requestOf(owner(), parentTaskId).orElseThrow();
        mode = CreateMode.of(r.firstFrame() != null, r.lastFrame() != null, r.firstClip() != null,
                r.drivingAudio() != null);
        boolean mediaOk = fill(MediaRole.FIRST_FRAME, r.firstFrame()) & fill(MediaRole.LAST_FRAME, r.lastFrame())
                & fill(MediaRole.FIRST_CLIP, r.firstClip()) & fill(MediaRole.DRIVING_AUDIO, r.drivingAudio());
        prompt = r.prompt();
        negativePrompt = r.negativePrompt();
        promptExtend = !Boolean.FALSE.equals(r.promptExtend());
        durationSeconds = r.durationSeconds();
        resolution = r.resolution();
        watermark = Boolean.TRUE.equals(r.watermark());
        seed = r.seed();
        fixedSeed = seed != null;
        furthest = Step.REVIEW;
        step = mediaOk ? Step.REVIEW : Step.MEDIA;
        Faces.info(notice);
    }

    /** The parent's video becomes the clip to continue; the user describes what happens next. */
    private void openExtension(GenerationTask parent) {
        mode = CreateMode.CONTINUE_CLIP;
        prompt = parent.getPrompt();
        resolution = parent.getResolution();
        MediaSlot clip = slots.get(MediaRole.FIRST_CLIP);
        try {
            hold(clip, extensions.clipOf(owner(), parent));
            furthest = Step.DESCRIBE;
            step = Step.DESCRIBE;
            Faces.info("An extension of task #" + parent.getId() + ": its video is the clip to continue. Describe "
                    + "what happens next.");
        } catch (UploadRejectedException e) {
            Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(clip.getField()), e.getMessage());
        }
    }

    private boolean fill(MediaRole role, MediaSource source) {
        if (source == null) {
            return true;
        }
        MediaSlot slot = slots.get(role);
        if (source.uploadToken() != null) {
            var upload = uploads.find(owner(), source.uploadToken());
            upload.ifPresent(slot::hold);
            if (upload.isEmpty()) {
                Faces.fieldError(FORM, COMPONENT_OF_FIELD.get(slot.getField()),
                        "The file of the original task is no longer kept; please choose it again.");
            }
            return upload.isPresent();
        }
        slot.setUrl(source.url());
        return fetch(slot);
    }

    // ---- the request, the price, the output ----

    private GenerationRequest request() {
        return new GenerationRequest(source(MediaRole.FIRST_FRAME), source(MediaRole.LAST_FRAME),
                source(MediaRole.FIRST_CLIP), source(MediaRole.DRIVING_AUDIO), prompt, negativePrompt,
                durationSeconds, resolution, promptExtend, watermark, fixedSeed ? seed : null, runKey);
    }

    private MediaSource source(MediaRole role) {
        return mode.uses(role) ? slots.get(role).source() : null;
    }

    /** What the chosen duration and resolution cost; null while the duration is not a valid one. */
    public BigDecimal getCost() {
        return validDuration() ? pricing.estimate(durationSeconds, resolution) : null;
    }

    public BigDecimal getPricePerSecond() {
        return pricing.estimate(1, resolution);
    }

    public String getCurrency() {
        return pricing.currency();
    }

    /**
     * What the user's (and the team's) monthly budget keeps after this video, e.g. "4.60 USD left of your 5.00 USD
     * for November"; empty when no budget is set or the duration is not valid yet.
     */
    public String getBudgetAfter() {
        BigDecimal cost = getCost();
        return cost == null ? "" : budgets.standing(owner(), java.time.Instant.now()).afterLine(cost, getCurrency());
    }

    private boolean validDuration() {
        return durationSeconds != null && durationSeconds >= NovitaInputRules.MIN_DURATION
                && durationSeconds <= NovitaInputRules.MAX_DURATION;
    }

    /** The medium that sets the video's aspect ratio: the first frame, or the clip that is continued. */
    private MediaSlot leadingMedium() {
        return slots.get(mode.uses(MediaRole.FIRST_CLIP) ? MediaRole.FIRST_CLIP : MediaRole.FIRST_FRAME);
    }

    /** The frame size of the video at a resolution, following the input's aspect ratio; null before there is one. */
    public String outputSize(String at) {
        MediaSlot lead = leadingMedium();
        return lead.isFilled() ? MediaFacts.outputSize(lead.getWidth(), lead.getHeight(), at) : null;
    }

    public String getAspect() {
        MediaSlot lead = leadingMedium();
        return lead.isFilled() ? MediaFacts.aspect(lead.getWidth(), lead.getHeight()) : null;
    }

    // ---- what the page shows ----

    public List<MediaSlot> getModeMedia() {
        return mode.getMedia().stream().map(slots::get).toList();
    }

    /** Said at every upload field when the provider could not fetch an uploaded file (see ProviderMode); else null. */
    public String getUploadLinkWarning() {
        return providerMode.unreachableUploadLinks().orElse(null);
    }

    public MediaSlot getFirstFrame() {
        return slots.get(MediaRole.FIRST_FRAME);
    }

    public MediaSlot getLastFrame() {
        return slots.get(MediaRole.LAST_FRAME);
    }

    public MediaSlot getFirstClip() {
        return slots.get(MediaRole.FIRST_CLIP);
    }

    public MediaSlot getDrivingAudio() {
        return slots.get(MediaRole.DRIVING_AUDIO);
    }

    public boolean uses(String role) {
        return mode.uses(MediaRole.valueOf(role));
    }

    public List<CreateMode> getModes() {
        return List.of(CreateMode.values());
    }

    public List<Step> getSteps() {
        return List.of(Step.values());
    }

    /** A step the user may open from the step list: one already reached. */
    public boolean reached(Step s) {
        return s.compareTo(furthest) <= 0;
    }

    public Step getStep() {
        return step;
    }

    public boolean isSubmitted() {
        return submittedTaskId != null;
    }

    public Long getSubmittedTaskId() {
        return submittedTaskId;
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

    public int getNegativePromptMaxChars() {
        return NovitaInputRules.NEGATIVE_PROMPT_MAX_CHARS;
    }

    public long getSeedMax() {
        return NovitaInputRules.SEED_MAX;
    }

    public List<String> getResolutions() {
        return List.of("720P", "1080P");
    }

    public String getMode() {
        return mode.name();
    }

    public void setMode(String mode) {
        this.mode = Arrays.stream(CreateMode.values()).filter(m -> m.name().equals(mode)).findFirst()
                .orElse(this.mode);
    }

    public CreateMode getModeChoice() {
        return mode;
    }

    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    public String getNegativePrompt() {
        return negativePrompt;
    }

    public void setNegativePrompt(String negativePrompt) {
        this.negativePrompt = negativePrompt;
    }

    public boolean isPromptExtend() {
        return promptExtend;
    }

    public void setPromptExtend(boolean promptExtend) {
        this.promptExtend = promptExtend;
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

    public String getSeedChoice() {
        return fixedSeed ? "fixed" : "random";
    }

    /** Choosing "fixed" proposes a seed at once, which the user may keep or change. */
    public void setSeedChoice(String choice) {
        fixedSeed = "fixed".equals(choice);
        if (fixedSeed && seed == null) {
            seed = (long) RANDOM.nextInt(Integer.MAX_VALUE);
        }
    }

    public boolean isFixedSeed() {
        return fixedSeed;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public boolean isWatermark() {
        return watermark;
    }

    public void setWatermark(boolean watermark) {
        this.watermark = watermark;
    }

    public Long getRemix() {
        return lineage == Lineage.REMIX ? parentTaskId : null;
    }

    public void setRemix(Long id) {
        from(id, Lineage.REMIX);
    }

    public Long getRetry() {
        return lineage == Lineage.RETRY ? parentTaskId : null;
    }

    public void setRetry(Long id) {
        from(id, Lineage.RETRY);
    }

    public Long getExtend() {
        return lineage == Lineage.EXTEND ? parentTaskId : null;
    }

    public void setExtend(Long id) {
        from(id, Lineage.EXTEND);
    }

    private void from(Long id, Lineage how) {
        if (id != null) {
            parentTaskId = id;
            lineage = how;
        }
    }

    /** "Remix of #12", "Extension of #12", ...; null for a fresh video. */
    public String getOrigin() {
        return lineage == null ? null : lineage.label() + " #" + parentTaskId;
    }

    public Long getParentTaskId() {
        return lineage == null ? null : parentTaskId;
    }

    private MediaSlot slot(String role) {
        return slots.get(MediaRole.valueOf(role));
    }

    private String owner() {
        return currentUser.name();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
