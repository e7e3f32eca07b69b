package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task API as a client sees it: submit with a file, follow the task, stream the video (through the API and the
 * signed-in page's media links), idempotency keys, and the errors.
 */
@ExtendWith(SharedStudio.class)
class TaskApiIT {
    private static final Http APP = new Http(Http.IT_BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    /** The JSON API with the admin's token. */
    private static Http api;

    @BeforeAll
    static void signIn() {
        api = APP.withBearer(Accounts.adminToken(APP.base()));
    }

    @Test
    void multipartSubmitCompletesAndTheVideoStreamsByRange() {
        String prompt = "The lanterns sway " + UUID.randomUUID();
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", prompt).field("durationSeconds", "3").field("resolution", "720P"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = Http.json(created);
        assertThat(task.getString("state")).isEqualTo("QUEUED");
        assertThat(task.getJsonNumber("costEstimate").doubleValue()).isEqualTo(0.15); // 3 s at 0.05 USD
        long id = task.getJsonNumber("id").longValue();
        String self = created.headers().firstValue("Location").orElseThrow();
        assertThat(self).endsWith("/api/v1/tasks/" + id);

        JsonObject finished = Http.json(await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get(path(self)), r -> Http.json(r).getString("state").equals("COMPLETED")));
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        String video = path(finished.getJsonObject("links").getString("video"));
        long bytes = finished.getJsonNumber("videoBytes").longValue();

        var whole = api.getBytes(video);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).hasSize((int) bytes);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        var part = api.getBytes(video, "Range", "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 0, 100));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + bytes);
        assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");

        var beyond = api.getBytes(video, "Range", "bytes=" + bytes + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes);

        var head = api.head(video);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Long.toString(bytes));

        // a resumed download gets the rest only while the file is the one it started
        var resumed = api.getBytes(video, "Range", "bytes=100-", "If-Range", etag);
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, (int) bytes));
        var stale = api.getBytes(video, "Range", "bytes=100-", "If-Range", "\"an-older-version\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(whole.body());

        var poster = api.getBytes(path(self) + "/poster");
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");

        theStudioPageServesTheSameVideoByRange(id, whole.body(), etag);
    }

    /** What the page's video element uses: the media servlet, for the signed-in owner. */
    private static void theStudioPageServesTheSameVideoByRange(long id, byte[] video, String etag) {
        Http page = Accounts.signIn(APP.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD).http();
        String media = "/media/tasks/" + id + "/video";
        int size = video.length;

        var head = page.head(media);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(size));
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("video/mp4"));
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);

        var whole = page.getBytes(media);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(video);

        var beyond = page.getBytes(media, "Range", "bytes=" + size + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
        assertThat(beyond.body()).isEmpty();

        var resumed = page.getBytes(media, "Range", "bytes=-50", "If-Range", etag);
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (size - 50) + "-" + (size - 1) + "/" + size);
        assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(video, size - 50, size));

        var stale = page.getBytes(media, "Range", "bytes=-50", "If-Range", "\"an-older-version\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(video);
    }

    @Test
    void theSameIdempotencyKeyNeverMakesASecondTask() {
        String key = UUID.randomUUID().toString();
        String prompt = "Twice " + key;
        var first = submitWithKey(prompt, key);
        var second = submitWithKey(prompt, key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(Http.json(second).getJsonNumber("id")).isEqualTo(Http.json(first).getJsonNumber("id"));
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
    }

    @Test
    void twoSubmitsWithOneKeyAtTheSameTimeMakeOneTaskAndOnePost() throws Exception {
        // a few rounds: each one is a fresh race between two requests released together
        for (int round = 0; round < 3; round++) {
            String key = UUID.randomUUID().toString();
            String prompt = "At the same time " + key;
            var start = new CyclicBarrier(2);
            List<CompletableFuture<HttpResponse<String>>> both = List.of(
                    CompletableFuture.supplyAsync(() -> afterBarrier(start, () -> submitWithKey(prompt, key))),
                    CompletableFuture.supplyAsync(() -> afterBarrier(start, () -> submitWithKey(prompt, key))));

            var first = both.get(0).get();
            var second = both.get(1).get();
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            assertThat(Http.json(second).getJsonNumber("id")).isEqualTo(Http.json(first).getJsonNumber("id"));
            assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
            long tasksWithThePrompt = Http.json(api.get("/api/v1/tasks?max=200")).getJsonArray("tasks")
                    .getValuesAs(JsonObject.class).stream().filter(t -> prompt.equals(t.getString("prompt"))).count();
            assertThat(tasksWithThePrompt).isEqualTo(1);
        }
    }

    private static <T> T afterBarrier(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }

    private static HttpResponse<String> submitWithKey(String prompt, String key) {
        return api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 480))
                .field("prompt", prompt).field("durationSeconds", "2"), "Idempotency-Key", key);
    }

    @Test
    void anUnknownTaskIsAJson404() {
        var response = api.get("/api/v1/tasks/987654321");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(response).getString("error")).isEqualTo("not_found");
        assertThat(api.get("/api/v1/tasks/987654321/video").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400WithoutAStackTrace() {
        var response = api.postJson("/api/v1/tasks", "{\"prompt\": \"unclosed");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = Http.json(response);
        assertThat(error.getString("error")).isEqualTo("malformed_json");
        assertThat(error.getString("message")).contains("not valid JSON");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "io.wanstudio");
    }

    @Test
    void anInvalidRequestNamesTheFieldsAtFault() {
        var response = api.postJson("/api/v1/tasks", "{\"prompt\": \"no image\", \"durationSeconds\": 40}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = Http.json(response);
        assertThat(error.getString("error")).isEqualTo("invalid_request");
        assertThat(error.getJsonObject("fields").keySet()).contains("firstFrame");
    }

    @Test
    void theProviderIsDescribedWithoutItsKey() {
        var response = api.get("/api/v1/provider");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject provider = Http.json(response);
        assertThat(provider.getBoolean("simulated")).isTrue();
        assertThat(provider.getString("description")).contains("simulator");
        assertThat(provider.getJsonObject("health").getBoolean("breakerOpen")).isFalse();
        assertThat(response.body()).doesNotContain("wan-studio-simulator"); // the key the app sends its simulator
    }

    /** The path of an absolute link the API gave, so that the test follows it on its own port. */
    private static String path(String link) {
        return URI.create(link).getRawPath();
    }
}
