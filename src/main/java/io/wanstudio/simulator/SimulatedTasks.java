package io.wanstudio.simulator;

import io.wanstudio.media.MediaInfo;
import io.wanstudio.platform.DataDirectory;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.provider.NovitaSubmitRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The simulated tasks: created from validated submits, kept as {@code tasks/<id>/task.json} beside their input
 * media and {@code video.mp4}, cached in memory and loaded lazily by id (so a restarted simulator knows its
 * tasks). Videos are rendered in the background from submit time; a task found without its video after a
 * restart is rendered again when it is next looked up.
 */
@ApplicationScoped
public class SimulatedTasks {
    private static final Logger LOG = Logger.getLogger(SimulatedTasks.class.getName());
    static final String TASK_FILE = "task.json";
    static final String VIDEO_FILE = "video.mp4";
    private static final Pattern TASK_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    DataDirectory dataDirectory;

    @Inject
    SimulatorConfig config;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService managedExecutor;

    private final Map<String, SimulatedTask> cache = new ConcurrentHashMap<>();
    private final Set<String> rendering = ConcurrentHashMap.newKeySet();
    private Path tasksFolder;
    private VideoSynthesizer synthesizer;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Jsonb jsonb;

    /** For CDI. */
    protected SimulatedTasks() {
    }

    /** For tests: a folder, a synthesizer, an executor (may run inline) and a clock of their own. */
    SimulatedTasks(Path simulatorFolder, VideoSynthesizer synthesizer, Executor executor, Clock clock) {
        setUp(simulatorFolder, synthesizer, executor, clock);
    }

    @PostConstruct
    void init() {
        setUp(dataDirectory.folder("simulator"), new VideoSynthesizer(config.fps(), config.maxLongSide(),
                config.resultPaddingBytes()),
                managedExecutor, Clock.systemUTC());
    }

    private void setUp(Path simulatorFolder, VideoSynthesizer synthesizer, Executor executor, Clock clock) {
        this.tasksFolder = simulatorFolder.resolve("tasks");
        this.synthesizer = synthesizer;
        this.executor = executor;
        this.clock = clock;
        this.jsonb = JsonbBuilder.create();
        try {
            Files.createDirectories(tasksFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + tasksFolder, e);
        }
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing JSON-B failed", e);
        }
    }

    /**
     * Turns a validated submit into a task: its folder appears complete at once (written in staging, then
     * moved), then its video is started in the background.
     *
     * @param ownerHash hash of the API key that submitted it
     * @param timing    the settings whose timings this task keeps for its whole life
     */
    public SimulatedTask create(ValidatedSubmission submission, String ownerHash, FaultSettings timing)
            throws IOException {
        NovitaSubmitRequest request = submission.request();
        SimulatedTask task = new SimulatedTask();
        task.taskId = submission.taskId();
        task.ownerHash = ownerHash;
        task.submittedAtMs = clock.millis();
        task.queuedSeconds = timing.queuedSeconds();
        task.processingSeconds = timing.processingSeconds();
        task.videoUrlTtlSeconds = timing.videoUrlTtlSeconds();
        task.prompt = request.prompt;
        task.seed = request.seed != null ? request.seed
                : ThreadLocalRandom.current().nextLong(NovitaInputRules.SEED_MAX + 1);
        task.durationSeconds = request.duration != null ? request.duration : NovitaInputRules.DEFAULT_DURATION;
        task.resolution = request.resolution != null ? request.resolution : NovitaInputRules.DEFAULT_RESOLUTION;
        task.firstIsClip = submission.media().containsKey(MediaRole.FIRST_CLIP);
        task.hasLastFrame = submission.media().containsKey(MediaRole.LAST_FRAME);
        MediaInfo audio = submission.media().get(MediaRole.DRIVING_AUDIO);
        task.hasDrivingMp3 = audio != null && "mp3".equals(audio.format());
        MediaInfo first = submission.media().get(task.firstIsClip ? MediaRole.FIRST_CLIP : MediaRole.FIRST_FRAME);
        task.inputWidth = first.width();
        task.inputHeight = first.height();
        task.failReason = submission.markers().failReason().orElse(null);

        write(task, submission.staging());
        Files.move(submission.staging(), folder(task.taskId), StandardCopyOption.ATOMIC_MOVE);
        cache.put(task.taskId, task);
        startRendering(task);
        return task;
    }

    /** The task with this id, from memory or disk; its video is (re)started if it is missing. */
    public Optional<SimulatedTask> find(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            return Optional.empty();
        }
        SimulatedTask task = cache.computeIfAbsent(taskId, this::load);
        if (task == null) {
            return Optional.empty();
        }
        Long ready = task.videoReadyAtMs;
        if (ready != null && !Files.isRegularFile(videoPath(taskId))) {
            LOG.warning(() -> "Simulated task " + taskId + " lost its video; rendering it again");
            task.videoReadyAtMs = null;
        }
        startRendering(task);
        return Optional.of(task);
    }

    /** Where the task stands now. */
    public TaskProgress progress(SimulatedTask task) {
        return Timeline.at(task, clock.millis());
    }

    public long nowMs() {
        return clock.millis();
    }

    /** The finished video of a task, if there is one. */
    public Optional<Path> video(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            return Optional.empty();
        }
        Path video = videoPath(taskId);
        return Files.isRegularFile(video) ? Optional.of(video) : Optional.empty();
    }

    private void startRendering(SimulatedTask task) {
        if (task.failReason != null || task.synthesisError != null || task.videoReadyAtMs != null
                || !rendering.add(task.taskId)) {
            return;
        }
        try {
            executor.execute(() -> render(task));
        } catch (RejectedExecutionException e) {
            rendering.remove(task.taskId);
            LOG.log(Level.WARNING, "Cannot start the video of simulated task " + task.taskId + " yet", e);
        }
    }

    private void render(SimulatedTask task) {
        Path folder = folder(task.taskId);
        Path part = folder.resolve(VIDEO_FILE + ".part");
        try {
            BufferedImage first = firstImage(task, folder);
            BufferedImage last = task.hasLastFrame ? lastImage(task, folder) : null;
            Path mp3 = task.hasDrivingMp3 ? folder.resolve(SimulatedTask.DRIVING_AUDIO_FILE) : null;
            synthesizer.render(new VideoSynthesizer.Job(first, last, task.durationSeconds, task.prompt,
                    task.resolution, mp3), part);
            Files.move(part, videoPath(task.taskId), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            task.videoReadyAtMs = clock.millis();
            write(task, folder);
            LOG.fine(() -> "Simulated task " + task.taskId + ": video ready");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Simulated task " + task.taskId + ": the video could not be made", e);
            task.synthesisError = "The simulator could not render the video";
            try {
                Files.deleteIfExists(part);
                write(task, folder);
            } catch (IOException | RuntimeException e2) {
                LOG.log(Level.WARNING, "Simulated task " + task.taskId + " could not be saved", e2);
            }
        } finally {
            rendering.remove(task.taskId);
        }
    }

    /** The first input's pixels; a frame of its size when they cannot be decoded (e.g. a non-H.264 clip). */
    private BufferedImage firstImage(SimulatedTask task, Path folder) {
        try {
            return task.firstIsClip
                    ? VideoSynthesizer.readClipFirstFrame(folder.resolve(SimulatedTask.FIRST_CLIP_FILE))
                    : VideoSynthesizer.readImage(folder.resolve(SimulatedTask.FIRST_FRAME_FILE));
        } catch (IOException e) {
            LOG.info(() -> "Simulated task " + task.taskId + ": plain frames instead of the input: " + e.getMessage());
            return VideoSynthesizer.placeholder(Math.max(1, task.inputWidth), Math.max(1, task.inputHeight));
        }
    }

    private BufferedImage lastImage(SimulatedTask task, Path folder) {
        try {
            return VideoSynthesizer.readImage(folder.resolve(SimulatedTask.LAST_FRAME_FILE));
        } catch (IOException e) {
            LOG.info(() -> "Simulated task " + task.taskId + ": no cross-fade, the last frame is unreadable: "
                    + e.getMessage());
            return null;
        }
    }

    private SimulatedTask load(String taskId) {
        Path file = folder(taskId).resolve(TASK_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return jsonb.fromJson(Files.readString(file, StandardCharsets.UTF_8), SimulatedTask.class);
        } catch (IOException | JsonbException e) {
            LOG.log(Level.WARNING, "Cannot read simulated task " + taskId, e);
            return null;
        }
    }

    /** Writes task.json into {@code folder} through a temporary file, so a reader never sees half of it. */
    private void write(SimulatedTask task, Path folder) throws IOException {
        String json;
        synchronized (task) {
            json = jsonb.toJson(task);
        }
        Path temp = Files.createTempFile(folder, TASK_FILE, ".tmp");
        try {
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve(TASK_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path folder(String taskId) {
        return tasksFolder.resolve(taskId);
    }

    private Path videoPath(String taskId) {
        return folder(taskId).resolve(VIDEO_FILE);
    }
}
