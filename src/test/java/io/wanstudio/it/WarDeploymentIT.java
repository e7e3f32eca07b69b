package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain WAR deployed on Payara Micro as a new user would ({@code java -jar payara-micro.jar --deploy
 * wan-studio.war}): the studio then lives under {@code /wan-studio}, and everything it derives from its address —
 * the built-in simulator's URL, the signed links through which the simulator fetches uploads — must follow.
 */
class WarDeploymentIT {
    private static final int PORT = StudioProcess.portNextToIt(13);
    private static final String CONTEXT = "/wan-studio";
    private static final Path WORK = StudioProcess.BUILD.resolve("war-it");
    private static StudioProcess studio;
    private static Http api;

    @BeforeAll
    static void deployTheWar() {
        StudioProcess.deleteTree(WORK);
        studio = StudioProcess.war(WORK, "war", PORT, List.of(
                "-Dwan.admin.user=" + Accounts.ADMIN,
                "-Dwan.admin.password=" + Accounts.ADMIN_PASSWORD,
                "-Dwan.data-dir=" + WORK.resolve("data"),
                "-Dwan.simulator.queued-seconds=1",
                "-Dwan.simulator.processing-seconds=3"));
        studio.awaitReady(); // after the assignment: a process that never gets ready is still stopped at the end
        String base = studio.base() + CONTEXT;
        api = new Http(base).withBearer(Accounts.adminToken(base));
    }

    @AfterAll
    static void stop() {
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void theConsoleSaysWhereTheStudioAndItsSimulatorAre() {
        assertThat(studio.console())
                .contains("pages and API at http://localhost:" + PORT + CONTEXT + "/")
                .contains("built-in Novita simulator at http://localhost:" + PORT + CONTEXT + "/simulator");
    }

    @Test
    void anUploadedFrameBecomesAStoredVideoUnderTheContextRoot() throws Exception {
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", "a harbour at dawn, deployed as a WAR")
                .field("durationSeconds", "2")
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();

        var task = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.get("/api/v1/tasks/" + id)),
                        t -> !List.of("SUBMITTING", "QUEUED", "PROCESSING", "DOWNLOADING").contains(t.getString("state")));
        assertThat(task.getString("state")).as(task.toString()).isEqualTo("COMPLETED");
        var video = api.getBytes("/api/v1/tasks/" + id + "/video");
        assertThat(video.statusCode()).isEqualTo(200);
        Path file = WORK.resolve("task-" + id + ".mp4");
        java.nio.file.Files.write(file, video.body());
        var check = VideoCheck.of(file);
        assertThat(check.decodesCleanly()).isTrue();
        assertThat(check.durationSeconds()).isCloseTo(2.0, within(0.3));
    }
}
