package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.generation.ProviderMessages;
import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kills the app (SIGKILL) while a paid POST is in flight and while a task is being polled, with the simulator
 * running alone as its own process, as the real provider would. After each restart no task may be lost and the
 * simulator must have received every submission exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyIT {
    /** The "real" provider key the app is given; it must never show up anywhere the app writes or answers. */
    private static final String API_KEY = "crash-test-key";
    /** A key the provider (the simulator, told to accept only {@link #API_KEY}) refuses with 401. */
    private static final String WRONG_KEY = "crash-test-wrong-key";
    private static final int SIMULATOR_PORT = StudioProcess.portNextToIt(11);
    private static final int APP_PORT = StudioProcess.portNextToIt(12);
    private static final Path WORK = StudioProcess.BUILD.resolve("crash-it");

    private static StudioProcess simulator;
    private static StudioProcess app;
    private static int appStarts;
    private static final Http SIM = new Http("http://127.0.0.1:" + SIMULATOR_PORT);
    /** The app; after its first start, with the admin's API token (the database, and so the token, survive kills). */
    private static Http APP = new Http("http://127.0.0.1:" + APP_PORT);
    private static final SimulatorControl CONTROL = new SimulatorControl(SIM);

    @BeforeAll
    static void startSimulatorAndApp() {
        StudioProcess.deleteTree(WORK);
        simulator = StudioProcess.uberJar(WORK, "simulator", SIMULATOR_PORT, List.of(
                "-Dwan.role=simulator",
                "-Dwan.data-dir=" + WORK.resolve("simulator-data"),
                "-Dwan.public-base-url=http://127.0.0.1:" + SIMULATOR_PORT,
                "-Dwan.simulator.control=true",
                "-Dwan.simulator.accepted-keys=" + API_KEY,
                "-Dwan.simulator.fetch-allow=http://127.0.0.1:" + APP_PORT,
                "-Dwan.simulator.queued-seconds=1",
                "-Dwan.simulator.processing-seconds=12"));
        startApp(API_KEY);
        APP = APP.withBearer(Accounts.adminToken(APP.base()));
        simulator.awaitReady();
    }

    @AfterAll
    static void stopAll() {
        for (StudioProcess p : new StudioProcess[] {app, simulator}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void killedDuringThePaidPostIsMarkedForReviewAndNeverResent() throws Exception {
        String prompt = "crash during submit " + UUID.randomUUID();
        // The simulator creates and counts the task, then holds its answer back: the POST is in flight.
        CONTROL.faults("{\"scope\":\"submit\",\"latencyMs\":60000}");
        CompletableFuture.runAsync(() -> submit(prompt));
        await().atMost(Duration.ofSeconds(60)).until(() -> CONTROL.submissions(prompt).accepted() == 1);

        app.kill();
        CONTROL.faults("{\"latencyMs\":0}"); // (a reset would also clear the counters)
        startApp(API_KEY);

        JsonObject task = await().atMost(Duration.ofSeconds(90)).until(() -> findTask(prompt),
                t -> t.isPresent() && "NEEDS_REVIEW".equals(t.get().getString("state"))).orElseThrow();
        assertThat(task.getString("failureReason")).contains("not sent again");
        // Once the poller has carried a later task from submit to its stored video, it has had every chance to
        // do something wrong with the first: the provider must still have seen exactly one POST of it.
        long later = Http.json(submit("after the crash " + UUID.randomUUID())).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(120)).until(() -> state(later).equals("COMPLETED"));
        assertThat(CONTROL.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        assertThat(findTask(prompt).orElseThrow().getString("state")).isEqualTo("NEEDS_REVIEW");
    }

    @Test
    void killedWhilePollingCompletesAfterRestartWithoutResubmitting() throws Exception {
        String prompt = "crash while polling " + UUID.randomUUID();
        HttpResponse<String> created = submit(prompt);
        assertThat(created.statusCode()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> state(id).equals("PROCESSING"));

        app.kill();
        startApp(API_KEY);

        await().atMost(Duration.ofSeconds(120)).until(() -> state(id).equals("COMPLETED"));
        assertThat(CONTROL.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        JsonObject task = Http.json(APP.get("/api/v1/tasks/" + id));
        var video = APP.getBytes("/api/v1/tasks/" + id + "/video");
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.body()).hasSize((int) task.getJsonNumber("videoBytes").longValue());
        assertThat(sha256(video.body())).isEqualTo(task.getString("videoSha256"));
    }

    /** Near the end: the app restarts with a key the provider refuses. */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void aKeyTheProviderRefusesFailsTheTaskAsNotConfiguredAndNothingElse() {
        app.kill();
        startApp(WRONG_KEY);
        String prompt = "wrong key " + UUID.randomUUID();

        var created = submit(prompt);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = Http.json(created);
        assertThat(task.getString("state")).isEqualTo("FAILED");
        assertThat(task.getString("failureReason")).isEqualTo(ProviderMessages.NOT_CONFIGURED);
        assertThat(CONTROL.submissions(prompt).accepted()).isZero();
        assertThat(app.console()).contains("check NOVITA_API_KEY");
    }

    /** Then the provider goes away: a submit that cannot connect is tried again, then failed, nothing charged. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aProviderThatCannotBeReachedFailsTheTaskAfterRetries() {
        simulator.close();
        String prompt = "provider gone " + UUID.randomUUID();

        var created = submit(prompt);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = Http.json(created);
        assertThat(task.getString("state")).isEqualTo("FAILED");
        assertThat(task.getString("failureReason")).isEqualTo(ProviderMessages.UNREACHABLE);
    }

    /**
     * Last, after the crashes: the keys given to the app are in no answer (provider status, pages, errors), no
     * line of its console (all starts) and no file of its database; nor in the simulator's log, which received it.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theApiKeyAppearsInNoPageAnswerLogOrDatabase() throws Exception {
        var provider = APP.get("/api/v1/provider");
        assertThat(provider.statusCode()).isEqualTo(200);
        assertThat(provider.body()).contains("Novita").doesNotContain(API_KEY, WRONG_KEY);
        var session = Accounts.signIn(APP.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        for (String page : new String[] {"/", "/account/tokens.xhtml", "/admin/users.xhtml"}) {
            var answer = session.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).doesNotContain(API_KEY, WRONG_KEY);
        }
        assertThat(APP.get("/login.xhtml").body()).doesNotContain(API_KEY, WRONG_KEY);
        assertThat(APP.get("/api/v1/tasks/987654321").body()).doesNotContain(API_KEY, WRONG_KEY);
        var refused = APP.postJson("/api/v1/tasks", "{\"firstFrameUrl\": \"file:///etc/passwd\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain(API_KEY, WRONG_KEY);

        List<Path> logs;
        try (var files = Files.list(WORK)) {
            logs = files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
        }
        assertThat(logs).as("the app's and the simulator's consoles").hasSizeGreaterThanOrEqualTo(2);
        List<Path> database;
        try (var files = Files.walk(WORK.resolve("app-data").resolve("db"))) {
            database = files.filter(Files::isRegularFile).toList();
        }
        assertThat(database).as("the app's H2 files").isNotEmpty();
        for (Path file : concat(logs, database)) {
            for (String apiKey : List.of(API_KEY, WRONG_KEY)) {
                byte[] key = apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(indexOf(Files.readAllBytes(file), key)).as(apiKey + " in " + file).isEqualTo(-1);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static HttpResponse<String> submit(String prompt) {
        return APP.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", prompt)
                .field("durationSeconds", "2")
                .field("resolution", "720P"));
    }

    private static String state(long id) {
        var response = APP.get("/api/v1/tasks/" + id);
        return response.statusCode() == 200 ? Http.json(response).getString("state") : "HTTP " + response.statusCode();
    }

    private static Optional<JsonObject> findTask(String prompt) {
        var response = APP.get("/api/v1/tasks?max=100");
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return Http.json(response).getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> prompt.equals(t.getString("prompt", null))).findFirst();
    }

    private static void startApp(String apiKey) {
        appStarts++;
        app = StudioProcess.uberJar(WORK, "app-" + appStarts, APP_PORT, List.of(
                "-Dnovita.api-key=" + apiKey,
                "-Dwan.admin.user=" + Accounts.ADMIN,
                "-Dwan.admin.password=" + Accounts.ADMIN_PASSWORD,
                "-Dnovita.base-url=http://127.0.0.1:" + SIMULATOR_PORT + "/simulator",
                "-Dnovita.read-timeout-ms=90000",
                "-Dwan.data-dir=" + WORK.resolve("app-data"),
                "-Dwan.public-base-url=http://127.0.0.1:" + APP_PORT,
                "-Dwan.submit.stale-after-seconds=10",
                "-Dwan.poller.tick-ms=300",
                "-Dwan.poller.min-interval-ms=500",
                "-Dwan.poller.max-interval-ms=2000"));
        app.awaitReady(); // after the assignment: a process that never gets ready is still stopped at the end
    }
}
