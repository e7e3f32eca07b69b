package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole slice over real HTTP: the JSON API submits to the simulator, the poller follows the task, the video
 * lands in the media store and decodes; and every failure path the provider can take.
 */
@ExtendWith(SharedStudio.class)
class GenerationApiIT {
    private static final Path MEDIA = SharedStudio.DATA.resolve("media");
    private static final Http APP = new Http(Http.IT_BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    /** The app's JSON API, with the admin's token. */
    private static String token;
    private static Http API;
    private static InputServer inputs;

    @BeforeAll
    static void startInputServer() {
        token = Accounts.adminToken(APP.base());
        API = APP.withBearer(token);
        inputs = new InputServer();
    }

    @AfterAll
    static void stopInputServer() {
        inputs.close();
    }

    @AfterEach
    void resetFaults() {
        SIMULATOR.reset();
    }

    @Test
    void healthChecksAndUnknownProviderPathsAnswerLikeTheRealThing() {
        var ready = APP.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("database").contains("media-store");
        assertThat(APP.get("/health/live").statusCode()).isEqualTo(200);

        var unknown = APP.get("/simulator/v3/async/no-such-model", "Authorization", "Bearer k");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).getString("reason")).isEqualTo("API_NOT_FOUND");
        var noTask = APP.get("/simulator/v3/async/task-result?task_id=nope", "Authorization", "Bearer k");
        assertThat(noTask.statusCode()).isEqualTo(404);
        assertThat(Http.json(noTask).getString("reason")).isEqualTo("TASK_NOT_FOUND");

        var provider = Http.json(API.get("/api/v1/provider"));
        assertThat(provider.getBoolean("simulated")).isTrue();
        assertThat(provider.toString()).doesNotContain("wan-studio-simulator"); // the key the app sends
    }

    @Test
    void urlSubmitCompletesWithAPlayableVideoOfTheRequestedDurationAndAspect() throws Exception {
        String url = inputs.put("/wide.png", TestMedia.png(1280, 720));
        String prompt = "a slow pan over a wide frame " + UUID.randomUUID();
        var created = API.postJson("/api/v1/tasks", Json.createObjectBuilder().add("firstFrameUrl", url)
                .add("prompt", prompt).add("durationSeconds", 3).add("resolution", "720P").build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = Http.json(created);
        assertThat(task.getString("state")).isEqualTo("QUEUED");
        assertThat(task.getJsonNumber("costEstimate").doubleValue()).isEqualTo(0.15); // 3 s at 0.05 USD

        JsonObject done = awaitFinal(task.getJsonNumber("id").longValue());
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");

        Path video = download(done.getJsonNumber("id").longValue());
        VideoCheck check = VideoCheck.of(video);
        assertThat(check.codec()).isEqualTo("h264");
        assertThat(check.decodesCleanly()).isTrue();
        assertThat(check.durationSeconds()).isCloseTo(3.0, within(0.3));
        assertThat(check.aspect()).isCloseTo(16.0 / 9, within(16.0 / 9 * 0.03));
        assertThat(sha256(video)).isEqualTo(done.getString("videoSha256"));

        // the video and its poster are in the media store, outside the web root
        Path stored = MEDIA.resolve("results/" + Accounts.ADMIN + "/" + done.getJsonNumber("id").longValue());
        assertThat(stored.resolve("video.mp4")).exists().hasSameBinaryContentAs(video);
        var poster = API.getBytes("/api/v1/tasks/" + done.getJsonNumber("id").longValue() + "/poster");
        assertThat(poster.statusCode()).isEqualTo(200);
        var image = ImageIO.read(new ByteArrayInputStream(poster.body()));
        assertThat((double) image.getWidth() / image.getHeight()).isCloseTo(16.0 / 9, within(0.06));
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
    }

    @Test
    void multipartUploadOfAPortraitImageGivesAPortraitVideo() throws Exception {
        String prompt = "portrait " + UUID.randomUUID();
        var created = API.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "portrait.jpg", "image/jpeg", TestMedia.jpeg(480, 848))
                .field("prompt", prompt).field("durationSeconds", "2"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject done = awaitFinal(Http.json(created).getJsonNumber("id").longValue());
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");
        VideoCheck check = VideoCheck.of(download(done.getJsonNumber("id").longValue()));
        assertThat(check.height()).isGreaterThan(check.width());
        assertThat(check.aspect()).isCloseTo(480.0 / 848, within(0.03));
        assertThat(check.durationSeconds()).isCloseTo(2.0, within(0.3));
    }

    @Test
    void simulatorRefusesAnInvalidInputNamingTheField() {
        String tiny = inputs.put("/tiny.png", TestMedia.png(100, 100));
        var refused = APP.postJson("/simulator/v3/async/wan2.7-i2v",
                Json.createObjectBuilder().add("image_url", tiny).add("prompt", "too small").build(),
                "Authorization", "Bearer test-key");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject body = Http.json(refused);
        assertThat(body.getInt("code")).isEqualTo(400);
        assertThat(body.getString("reason")).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(body.getString("message")).contains("image_url").contains("100");

        var wrongDuration = APP.postJson("/simulator/v3/async/wan2.7-i2v",
                Json.createObjectBuilder().add("image_url", inputs.put("/ok.png", TestMedia.png(640, 360)))
                        .add("duration", 16).build(), "Authorization", "test-key");
        assertThat(wrongDuration.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrongDuration).getString("message")).contains("duration");

        var noKey = APP.postJson("/simulator/v3/async/wan2.7-i2v", "{}");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Http.json(noKey).getString("reason")).isEqualTo("MISSING_API_KEY");
    }

    @Test
    void anInvalidInputIsRefusedLocallyBeforeAnythingIsPaidFor() {
        String prompt = "never sent " + UUID.randomUUID();
        var refused = API.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "small.png", "image/png", TestMedia.png(200, 120))
                .field("prompt", prompt).field("durationSeconds", "20"));
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject fields = Http.json(refused).getJsonObject("fields");
        assertThat(fields.getString("firstFrame")).contains("240");
        assertThat(SIMULATOR.submissions(prompt).received()).isZero();
    }

    @Test
    void aRefusedMultipartRequestKeepsNoneOfItsFiles() throws Exception {
        long before = inputFiles();
        String prompt = "refused together " + UUID.randomUUID();
        // a valid first frame with a last frame that is no image: the whole request is refused
        var badLastFrame = API.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "first.png", "image/png", TestMedia.png(640, 360))
                .file("lastFrame", "last.png", "image/png", "not an image".getBytes())
                .field("prompt", prompt).field("durationSeconds", "2"));
        assertThat(badLastFrame.statusCode()).isEqualTo(400);
        assertThat(Http.json(badLastFrame).getJsonObject("fields").keySet()).containsExactly("lastFrame");
        // valid files, but a field that is not: refused after the files were checked
        var badDuration = API.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "first.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", prompt).field("durationSeconds", "20"));
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(Http.json(badDuration).getJsonObject("fields").keySet()).containsExactly("durationSeconds");

        assertThat(inputFiles()).isEqualTo(before);
        assertThat(SIMULATOR.submissions(prompt).received()).isZero();
    }

    @Test
    void aTwoGigabyteUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        long before = inputFiles();
        try (var socket = new java.net.Socket("127.0.0.1", SharedStudio.PORT)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: multipart/form-data; boundary=wan\r\nContent-Length: 2147483648\r\n\r\n"
                    + "--wan\r\nContent-Disposition: form-data; name=\"firstFrame\"; filename=\"huge.png\"\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]); // a sliver of the promised 2 GB: the answer must not wait for the rest
            out.flush();
            // the whole answer, read by its Content-Length (the server need not close the connection at once)
            var in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            var length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            assertThat(head.toString()).startsWith("HTTP/1.1 413");
            assertThat(length.find()).as(head.toString()).isTrue();
            byte[] body = new byte[Integer.parseInt(length.group(1))];
            in.readFully(body);
            JsonObject error = Json.createReader(new ByteArrayInputStream(body)).readObject();
            assertThat(error.getString("error")).isEqualTo("request_too_large");
            assertThat(error.getString("message"))
                    .startsWith("The request is 2048.0 MB; with all its files it may be at most 156 MB");
        }
        assertThat(inputFiles()).isEqualTo(before);
    }

    private static long inputFiles() throws java.io.IOException {
        try (var files = Files.list(MEDIA.resolve("inputs"))) {
            return files.count();
        }
    }

    @Test
    void chineseEnglishAndEmojiPromptsRoundTripUnchangedToTheProvider() {
        String url = inputs.put("/utf8.png", TestMedia.png(640, 360));
        String negative = "模糊, 水印, blurry 😶‍🌫️";
        for (String form : new String[] {"json", "multipart"}) {
            String prompt = "一只猫在雨中漫步 🐱☔ — a cat walks in the rain (" + form + ") " + UUID.randomUUID();
            var created = form.equals("json")
                    ? API.postJson("/api/v1/tasks", Json.createObjectBuilder().add("firstFrameUrl", url)
                            .add("prompt", prompt).add("negativePrompt", negative).add("durationSeconds", 2)
                            .add("resolution", "720P").build())
                    : API.postMultipart("/api/v1/tasks", new Http.Multipart()
                            .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                            .field("prompt", prompt).field("negativePrompt", negative)
                            .field("durationSeconds", "2").field("resolution", "720P"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = Http.json(created).getJsonNumber("id").longValue();
            // stored and read back from the database
            JsonObject task = Http.json(API.get("/api/v1/tasks/" + id));
            assertThat(task.getString("prompt")).isEqualTo(prompt);
            assertThat(task.getString("negativePrompt")).isEqualTo(negative);
            // the provider's ledger is keyed by the exact prompt it received
            assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        }
    }

    @Test
    void aFailMarkerEndsFailedWithTheProvidersReason() {
        String prompt = "[simulate-fail: the model could not animate this] " + UUID.randomUUID();
        JsonObject done = awaitFinal(submitSmall(prompt));
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("failureReason")).contains("the model could not animate this");
    }

    @Test
    void anExpiredResultLinkEndsFailedWithAClearReason() {
        SIMULATOR.faults("{\"videoUrlTtlSeconds\":0}");
        JsonObject done = awaitFinal(submitSmall("expired link " + UUID.randomUUID()));
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("failureReason")).contains("expired");
    }

    @Test
    void serverErrorsAndRateLimitsOnPollsAreRiddenOut() {
        SIMULATOR.faults("{\"scope\":\"poll\",\"serverErrorRate\":0.5,\"rateLimitBurst\":3,\"retryAfterSeconds\":1}");
        String prompt = "flaky provider " + UUID.randomUUID();
        JsonObject done = awaitFinal(submitSmall(prompt));
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
    }

    @Test
    void aRateLimitedSubmitIsRetriedAndPaidOnce() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"rateLimitBurst\":2,\"retryAfterSeconds\":1}");
        String prompt = "rate limited submit " + UUID.randomUUID();
        long id = submitSmall(prompt);
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(3, 1));
        assertThat(awaitFinal(id).getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    void anOutageOpensTheBreakerWhichClosesAgainAfterItAndTasksComplete() {
        long id = submitSmall("outage " + UUID.randomUUID());
        long rejectionsBefore = providerHealth().getJsonNumber("breakerRejections").longValue();
        SIMULATOR.faults("{\"scope\":\"poll\",\"outageSeconds\":8}");

        JsonObject open = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(GenerationApiIT::providerHealth, health -> health.getBoolean("breakerOpen"));
        assertThat(open.getJsonNumber("breakerRejections").longValue()).isGreaterThan(rejectionsBefore);

        // after the outage a trial poll (half-open) gets through and succeeds: the breaker closes
        JsonObject closed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(GenerationApiIT::providerHealth, health -> !health.getBoolean("breakerOpen")
                        && instant(health, "lastSuccess").isAfter(instant(health, "lastBreakerOpen")));
        assertThat(awaitFinal(id).getString("state")).isEqualTo("COMPLETED");
        // closed, every poll goes through: a new task goes from submit to video without one more rejection
        long rejectionsWhenClosed = providerHealth().getJsonNumber("breakerRejections").longValue();
        assertThat(awaitFinal(submitSmall("after the outage " + UUID.randomUUID())).getString("state"))
                .isEqualTo("COMPLETED");
        JsonObject after = providerHealth();
        assertThat(after.getBoolean("breakerOpen")).isFalse();
        assertThat(after.getJsonNumber("breakerRejections").longValue()).isEqualTo(rejectionsWhenClosed);
        assertThat(instant(after, "lastSuccess")).isAfter(instant(closed, "lastBreakerOpen"));
    }

    private static JsonObject providerHealth() {
        return Http.json(API.get("/api/v1/provider")).getJsonObject("health");
    }

    private static Instant instant(JsonObject health, String name) {
        // JSON-B leaves out what is null (never happened)
        return health.containsKey(name) && !health.isNull(name) ? Instant.parse(health.getString(name))
                : Instant.EPOCH;
    }

    @Test
    void malformedJsonDoesNotStopThePoller() {
        SIMULATOR.faults("{\"scope\":\"poll\",\"malformedRate\":1.0}");
        long id = submitSmall("malformed answers " + UUID.randomUUID());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> !isFinal(API.get("/api/v1/tasks/" + id)));
        SIMULATOR.reset();
        assertThat(awaitFinal(id).getString("state")).isEqualTo("COMPLETED");
        // the poller is still alive for new tasks too
        assertThat(awaitFinal(submitSmall("after malformed " + UUID.randomUUID())).getString("state"))
                .isEqualTo("COMPLETED");
    }

    private long submitSmall(String prompt) {
        var created = API.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(320, 240))
                .field("prompt", prompt).field("durationSeconds", "2").field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getJsonNumber("id").longValue();
    }

    private JsonObject awaitFinal(long id) {
        HttpResponse<String> last = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> API.get("/api/v1/tasks/" + id), GenerationApiIT::isFinal);
        return Http.json(last);
    }

    private static boolean isFinal(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        String state = Http.json(response).getString("state");
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("NEEDS_REVIEW");
    }

    private Path download(long id) throws Exception {
        var response = API.getBytes("/api/v1/tasks/" + id + "/video");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("video/mp4"));
        Path file = Files.createTempFile("wan-it-", ".mp4");
        Files.write(file, response.body());
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
