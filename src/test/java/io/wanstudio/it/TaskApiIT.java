package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The task API as a client sees it: submit with a file, follow the task, stream the video, and the errors. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskApiIT {
    private final ApiClient api = new ApiClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @Test
    void multipartSubmitCompletesAndTheVideoStreamsByRange() throws Exception {
        var form = new ApiClient.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestImages.opaquePng(640, 360))
                .text("prompt", "The lanterns sway [api-it]").text("durationSeconds", "3").text("resolution", "720P");
        var created = api.sendForText(HttpRequest.newBuilder(api.uri("/api/v1/tasks"))
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = ApiClient.json(created.body());
        assertThat(task.getString("state")).isIn("QUEUED", "PROCESSING");
        assertThat(task.getJsonNumber("costEstimate").doubleValue()).isEqualTo(0.15);
        String self = created.headers().firstValue("Location").orElseThrow();
        assertThat(self).endsWith("/api/v1/tasks/" + task.getJsonNumber("id").longValue());

        var finished = new AtomicReference<JsonObject>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            finished.set(ApiClient.json(api.get(path(self)).body()));
            return finished.get().getString("state").equals("COMPLETED");
        });
        String video = finished.get().getJsonObject("links").getString("video");
        long bytes = finished.get().getJsonNumber("videoBytes").longValue();

        var part = api.send(HttpRequest.newBuilder(api.uri(path(video))).header("Range", "bytes=0-99").build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + bytes);
        assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");

        var whole = api.send(HttpRequest.newBuilder(api.uri(path(video))).build());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).hasSize((int) bytes);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        var beyond = api.send(HttpRequest.newBuilder(api.uri(path(video)))
                .header("Range", "bytes=" + bytes + "-").build());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes);

        var head = api.send(HttpRequest.newBuilder(api.uri(path(video)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Long.toString(bytes));

        var poster = api.send(HttpRequest.newBuilder(api.uri(path(self) + "/poster")).build());
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void theSameIdempotencyKeyNeverMakesASecondTask() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = api.simulatorSubmissions();
        var form = new ApiClient.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestImages.opaquePng(480, 480))
                .text("prompt", "Twice [api-it]").text("durationSeconds", "2");
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/tasks")).header("Content-Type",
                form.contentType()).header("Idempotency-Key", key).POST(form.publisher()).build();

        var first = api.sendForText(request);
        var second = api.sendForText(request);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(ApiClient.json(second.body()).getJsonNumber("id"))
                .isEqualTo(ApiClient.json(first.body()).getJsonNumber("id"));
        assertThat(api.simulatorSubmissions()).isEqualTo(before + 1);
    }

    @Test
    void anUnknownTaskIsAJson404() throws Exception {
        var response = api.get("/api/v1/tasks/987654321");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(ApiClient.json(response.body()).getString("error")).isEqualTo("not_found");
        assertThat(api.get("/api/v1/tasks/987654321/video").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400WithoutAStackTrace() throws Exception {
        var response = api.sendForText(HttpRequest.newBuilder(api.uri("/api/v1/tasks"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\": \"unclosed")).build());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = ApiClient.json(response.body());
        assertThat(error.getString("error")).isEqualTo("malformed_json");
        assertThat(error.getString("message")).contains("not valid JSON");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "io.wanstudio");
    }

    @Test
    void anInvalidRequestNamesTheFieldsAtFault() throws Exception {
        var response = api.sendForText(HttpRequest.newBuilder(api.uri("/api/v1/tasks"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\": \"no image\", \"durationSeconds\": 40}")).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = ApiClient.json(response.body());
        assertThat(error.getString("error")).isEqualTo("invalid_request");
        assertThat(error.getJsonObject("fields").keySet()).contains("firstFrame");
    }

    @Test
    void theProviderIsDescribedWithoutItsKey() throws Exception {
        var response = api.get("/api/v1/provider");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject provider = ApiClient.json(response.body());
        assertThat(provider.getBoolean("simulated")).isTrue();
        assertThat(provider.getString("description")).contains("simulator");
        assertThat(provider.getJsonObject("health").getBoolean("breakerOpen")).isFalse();
        assertThat(response.body()).doesNotContain("wan-studio-simulator"); // the key the app sends its simulator
    }

    /** The path of an absolute link the API gave, so that the test follows it on its own port. */
    private static String path(String link) {
        return java.net.URI.create(link).getRawPath();
    }
}
