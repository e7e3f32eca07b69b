package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaKind;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaSubmitRequest;
import io.wanstudio.testing.MutableClock;
import io.wanstudio.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jcodec.api.FrameGrab;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task store with a real folder, a real (small) synthesizer, a hand-driven executor and clock. */
class SimulatedTasksTest {
    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final List<Runnable> background = new ArrayList<>();
    private final VideoSynthesizer synthesizer = new VideoSynthesizer(4, 96);
    private final FaultSettings timing = FaultSettings.none(2, 10, 3600);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private SimulatedTasks store() {
        return new SimulatedTasks(folder, synthesizer, background::add, clock);
    }

    private void runBackground() {
        List<Runnable> jobs = new ArrayList<>(background);
        background.clear();
        jobs.forEach(Runnable::run);
    }

    @Test
    void taskGoesFromQueuedToSucceededWithItsVideo() throws Exception {
        SimulatedTasks tasks = store();
        ValidatedSubmission submission = staged("a cat on a roof", TestMedia.png(640, 360));

        SimulatedTask task = tasks.create(submission, "owner", timing);

        Path taskFolder = folder.resolve("tasks").resolve(task.taskId);
        assertThat(taskFolder.resolve(SimulatedTasks.TASK_FILE)).isRegularFile();
        assertThat(taskFolder.resolve(SimulatedTask.FIRST_FRAME_FILE)).isRegularFile();
        assertThat(submission.staging()).doesNotExist();
        assertThat(task.durationSeconds).isEqualTo(5);
        assertThat(task.resolution).isEqualTo("1080P");
        assertThat(tasks.progress(task).status()).isEqualTo(TaskProgress.QUEUED);
        assertThat(tasks.video(task.taskId)).isEmpty();

        runBackground();
        clock.advance(Duration.ofSeconds(5));
        assertThat(tasks.progress(task).status()).isEqualTo(TaskProgress.PROCESSING);
        clock.advance(Duration.ofSeconds(7));

        assertThat(tasks.progress(task).status()).isEqualTo(TaskProgress.SUCCEED);
        assertThat(tasks.video(task.taskId)).get().satisfies(video -> {
            BufferedImage frame = AWTUtil.toBufferedImage(FrameGrab.getFrameFromFile(video.toFile(), 0));
            // the input's 16:9 at the 240 px short side a result needs to be continued (the 96 px cap gives way)
            assertThat(frame.getWidth()).isEqualTo(426);
            assertThat(frame.getHeight()).isEqualTo(240);
        });
    }

    @Test
    void aRestartedStoreKnowsItsTasksAndRemakesMissingVideos() throws Exception {
        SimulatedTask created = store().create(staged("a dog", TestMedia.png(300, 400)), "owner", timing);
        runBackground();
        clock.advance(Duration.ofSeconds(12));

        SimulatedTasks restarted = store();
        SimulatedTask loaded = restarted.find(created.taskId).orElseThrow();

        assertThat(loaded.prompt).isEqualTo("a dog");
        assertThat(loaded.ownerHash).isEqualTo("owner");
        assertThat(loaded.submittedAtMs).isEqualTo(created.submittedAtMs);
        assertThat(restarted.progress(loaded).status()).isEqualTo(TaskProgress.SUCCEED);
        assertThat(background).isEmpty();

        Files.delete(folder.resolve("tasks").resolve(created.taskId).resolve(SimulatedTasks.VIDEO_FILE));
        SimulatedTasks again = store();
        SimulatedTask reloaded = again.find(created.taskId).orElseThrow();
        assertThat(again.progress(reloaded).status()).isEqualTo(TaskProgress.PROCESSING);
        runBackground();
        assertThat(again.progress(reloaded).status()).isEqualTo(TaskProgress.SUCCEED);
        assertThat(again.video(created.taskId)).isPresent();
    }

    @Test
    void aTaskAskedToFailRendersNothingAndFails() throws Exception {
        SimulatedTasks tasks = store();

        SimulatedTask task = tasks.create(staged("[simulate-fail: no luck] a dog", TestMedia.png(300, 300)), "owner",
                timing);

        assertThat(background).isEmpty();
        clock.advance(Duration.ofSeconds(12));
        TaskProgress progress = tasks.progress(task);
        assertThat(progress.status()).isEqualTo(TaskProgress.FAILED);
        assertThat(progress.reason()).isEqualTo("no luck");
    }

    @Test
    void anUndecodableInputStillGivesAVideoOfItsAspect() throws Exception {
        SimulatedTasks tasks = store();
        SimulatedTask task = tasks.create(staged("a cat", "not really a png".getBytes()), "owner", timing);

        runBackground();

        Path video = tasks.video(task.taskId).orElseThrow();
        BufferedImage frame = AWTUtil.toBufferedImage(FrameGrab.getFrameFromFile(video.toFile(), 0));
        assertThat(frame.getWidth()).isEqualTo(426);
        assertThat(frame.getHeight()).isEqualTo(240);
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        SimulatedTasks tasks = store();

        assertThat(tasks.find(UUID.randomUUID().toString())).isEmpty();
        assertThat(tasks.find("../../etc/passwd")).isEmpty();
        assertThat(tasks.find(null)).isEmpty();
        assertThat(tasks.video("../x")).isEmpty();
    }

    /** A submit as the validator leaves it: media in a staging folder, the first frame 640×360 as inspected. */
    private ValidatedSubmission staged(String prompt, byte[] firstFrame) throws Exception {
        String id = UUID.randomUUID().toString();
        Path staging = Files.createDirectories(folder.resolve("incoming").resolve(id));
        Files.write(staging.resolve(SimulatedTask.FIRST_FRAME_FILE), firstFrame);
        NovitaSubmitRequest request = new NovitaSubmitRequest();
        request.imageUrl = "http://localhost:8080/u/first.png";
        request.prompt = prompt;
        MediaInfo info = new MediaInfo(MediaKind.IMAGE, "png", 640, 360, 0, firstFrame.length, false);
        return new ValidatedSubmission(id, request, PromptMarkers.of(prompt), staging,
                Map.of(MediaRole.FIRST_FRAME, info));
    }
}
