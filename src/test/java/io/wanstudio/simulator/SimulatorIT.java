package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.wanstudio.it.Http;
import io.wanstudio.it.InputServer;
import io.wanstudio.it.SharedStudio;
import io.wanstudio.it.SimulatorControl;
import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator inside Payara, as a client on the wire sees it: Novita's 401s, gateway pages, answers lost after
 * the task was created (a connection closed without a byte, an answer cut mid-body, a late answer), and the
 * faults of the task-result answer; and videos with sound, sized by their resolution, made inside Payara (where
 * isoparser cannot find its box table by itself).
 */
@ExtendWith(SharedStudio.class)
class SimulatorIT {
    private static final int PORT = Integer.parseInt(System.getProperty("wan.it.port", "18080"));
    private static final String SUBMIT = "/simulator/v3/async/wan2.7-i2v";
    private static final Http APP = new Http("http://localhost:" + PORT);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    private static final String KEY = "Bearer simulator-it-key";
    private static InputServer inputs;
    @TempDir
    static Path temp;
    private static String imageUrl;

    @BeforeAll
    static void startInputServer() {
        // Its port is fixed (the simulator's allow-list names it); another build may hold it for a moment
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreException(
                UncheckedIOException.class).until(() -> {
                    inputs = new InputServer();
                    return true;
                });
        imageUrl = inputs.put("/sim-it/frame.png", TestMedia.png(640, 360));
    }

    @AfterAll
    static void stopInputServer() {
        if (inputs != null) {
            inputs.close();
        }
    }

    @AfterEach
    void resetFaults() {
        SIMULATOR.reset();
    }

    @Test
    void aMissingKeyIsA401WithNovitasErrorBody() {
        for (var answer : List.of(APP.postJson(SUBMIT, body("no key " + UUID.randomUUID())),
                APP.postJson(SUBMIT, body("empty bearer " + UUID.randomUUID()), "Authorization", "Bearer "),
                APP.get("/simulator/v3/async/task-result?task_id=x"))) {
            assertThat(answer.statusCode()).isEqualTo(401);
            JsonObject error = Http.json(answer);
            assertThat(error.getInt("code")).isEqualTo(401);
            assertThat(error.getString("reason")).isEqualTo("MISSING_API_KEY");
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getJsonObject("metadata")).isEmpty();
        }
    }

    @Test
    void gatewayErrorsComeAsHtmlPagesAndCreateNoTask() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"badGatewayRate\":1}");
        String prompt = "bad gateway " + UUID.randomUUID();
        var badGateway = APP.postJson(SUBMIT, body(prompt), "Authorization", KEY);
        assertThat(badGateway.statusCode()).isEqualTo(502);
        assertThat(badGateway.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(badGateway.body()).contains("<html").contains("502 Bad Gateway");
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 0));

        SIMULATOR.faults("{\"badGatewayRate\":0,\"gatewayTimeoutRate\":1}");
        var timeout = APP.postJson(SUBMIT, body(prompt), "Authorization", KEY);
        assertThat(timeout.statusCode()).isEqualTo(504);
        assertThat(timeout.body()).contains("504 Gateway Time-out");
    }

    @Test
    void theControlApiCountsTaskResultCallsAndStampsTheFirstSuccess() {
        var answer = APP.postJson(SUBMIT, body("counted polls " + UUID.randomUUID()), "Authorization", KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String taskId = Http.json(answer).getString("task_id");
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            calls.incrementAndGet();
            return "TASK_STATUS_SUCCEED".equals(status(taskId));
        });
        JsonObject last = result(taskId); // one more call, after the success
        long completed = Long.parseLong(last.getJsonObject("extra").getJsonObject("debug_info")
                .getString("complete_time_ms"));

        JsonObject ledger = Http.json(APP.get("/simulator/_control/polls"));
        JsonObject entry = ledger.getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("taskId").equals(taskId)).findFirst().orElseThrow();
        assertThat(entry.getInt("polls")).isEqualTo(calls.get() + 1);
        assertThat(entry.getJsonNumber("completeTimeMs").longValue()).isEqualTo(completed);
        assertThat(entry.getJsonNumber("plannedEndMs").longValue()).isPositive().isLessThanOrEqualTo(completed);
        assertThat(entry.getJsonNumber("firstSucceedAnswerMs").longValue()).isGreaterThanOrEqualTo(completed)
                .isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void aServerErrorAfterTheTaskWasCreatedLeavesATaskThatSucceeds() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"errorAfterCreateRate\":1}");
        String prompt = "error after create " + UUID.randomUUID();
        var answer = APP.postJson(SUBMIT, body(prompt), "Authorization", KEY);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(Http.json(answer).getString("reason")).isEqualTo("CREATE_TASK_FAILED");

        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        String taskId = taskIdsOf(prompt);
        SIMULATOR.reset();
        await().atMost(Duration.ofSeconds(60)).until(() -> "TASK_STATUS_SUCCEED".equals(status(taskId)));
    }

    @Test
    void aDroppedSubmitGetsNoByteThenTheConnectionEndsAndTheTaskExists() throws IOException {
        SIMULATOR.faults("{\"scope\":\"submit\",\"dropRate\":1}");
        String prompt = "dropped " + UUID.randomUUID();

        RawAnswer answer = rawSubmit(prompt, Duration.ofSeconds(30));

        assertThat(answer.bytes()).as(answer.text()).isEmpty();
        assertThat(answer.ending()).isIn(Ending.EOF, Ending.RESET);
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        String taskId = taskIdsOf(prompt);
        await().atMost(Duration.ofSeconds(60)).until(() -> "TASK_STATUS_SUCCEED".equals(status(taskId)));
    }

    @Test
    void aResetAnswerStopsInsideItsBodyThenTheConnectionEnds() throws IOException {
        SIMULATOR.faults("{\"scope\":\"submit\",\"resetRate\":1}");
        String prompt = "cut short " + UUID.randomUUID();

        RawAnswer answer = rawSubmit(prompt, Duration.ofSeconds(30));

        assertThat(answer.ending()).as(answer.text()).isIn(Ending.EOF, Ending.RESET);
        String text = answer.text();
        assertThat(text).startsWith("HTTP/1.1 200");
        int headEnd = text.indexOf("\r\n\r\n");
        assertThat(headEnd).as(text).isPositive();
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$").matcher(text.substring(0, headEnd));
        assertThat(length.find()).as(text).isTrue();
        int promised = Integer.parseInt(length.group(1));
        int received = answer.bytes().length - (headEnd + 4);
        assertThat(received).as(text).isPositive().isLessThan(promised);
        assertThat(text.substring(headEnd + 4)).startsWith("{\"task_id\"");
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
    }

    @Test
    void aSlowAnswerComesAfterTheClientsReadTimeout() throws IOException {
        SIMULATOR.faults("{\"scope\":\"submit\",\"slowAnswerRate\":1,\"slowAnswerMs\":3000}");
        String prompt = "slow " + UUID.randomUUID();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            send(socket, prompt);
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            boolean timedOut;
            try {
                in.read();
                timedOut = false;
            } catch (SocketTimeoutException e) {
                timedOut = true;
            }
            assertThat(timedOut).as("a client with a shorter read timeout gives up").isTrue();
            assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));

            socket.setSoTimeout(30_000);
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void aSucceededTaskCanComeWithoutItsVideoOrWithANumericTtl() {
        String prompt = "result faults " + UUID.randomUUID();
        var created = APP.postJson(SUBMIT, body(prompt), "Authorization", KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String taskId = Http.json(created).getString("task_id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "TASK_STATUS_SUCCEED".equals(status(taskId)));

        SIMULATOR.faults("{\"scope\":\"poll\",\"noVideoUrlRate\":1}");
        JsonObject bare = result(taskId);
        assertThat(bare.getJsonObject("task").getString("status")).isEqualTo("TASK_STATUS_SUCCEED");
        assertThat(bare.getJsonArray("videos")).isEmpty();

        SIMULATOR.faults("{\"noVideoUrlRate\":0,\"ttlAsNumber\":true}");
        JsonObject video = result(taskId).getJsonArray("videos").getJsonObject(0);
        assertThat(video.getJsonNumber("video_url_ttl").longValue()).isPositive();
        assertThat(video.getString("video_url")).contains(taskId);
    }

    @Test
    void finishedVideosHaveSoundAndTheSizeOfTheirResolution() throws Exception {
        byte[] voice = Files.readAllBytes(MediaProbe.ffmpeg(temp.resolve("voice.mp3"), "-f", "lavfi", "-i",
                "sine=frequency=300:duration=4", "-c:a", "libmp3lame", "-b:a", "64k"));
        String voiceUrl = inputs.put("/sim-it/voice.mp3", voice);
        String ambientTask = created(Json.createObjectBuilder().add("image_url", imageUrl).add("duration", 3)
                .add("resolution", "1080P").add("prompt", "ambient " + UUID.randomUUID()).build().toString());
        String voicedTask = created(Json.createObjectBuilder().add("image_url", imageUrl).add("duration", 2)
                .add("resolution", "720P").add("driving_audio_url", voiceUrl)
                .add("prompt", "voiced " + UUID.randomUUID()).build().toString());

        MediaProbe ambient = MediaProbe.of(download(ambientTask, "ambient.mp4"));
        assertThat(ambient.codecs()).containsExactly("video:h264", "audio:aac");
        assertThat(ambient.audioSeconds()).isCloseTo(ambient.videoSeconds(), within(1.0 / 8));
        assertThat(ambient.videoSeconds()).isCloseTo(3.0, within(0.05));
        assertThat(ambient.decodesCleanly()).isTrue();

        MediaProbe voiced = MediaProbe.of(download(voicedTask, "voiced.mp4"));
        assertThat(voiced.codecs()).containsExactly("video:h264", "audio:mp3");
        assertThat(voiced.audioSeconds()).isCloseTo(voiced.videoSeconds(), within(1.0 / 8));
        assertThat(voiced.decodesCleanly()).isTrue();

        // both from a 16:9 input: the 1080P video is the larger one
        assertThat(ambient.width()).isGreaterThan(voiced.width());
        assertThat((double) voiced.width() / voiced.height()).isCloseTo(16.0 / 9, within(0.05));
    }

    private static String created(String json) {
        var answer = APP.postJson(SUBMIT, json, "Authorization", KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer).getString("task_id");
    }

    /** Waits for the task to succeed and fetches its video through the signed link. */
    private static Path download(String taskId, String name) throws IOException {
        await().atMost(Duration.ofSeconds(90)).until(() -> "TASK_STATUS_SUCCEED".equals(status(taskId)));
        String url = result(taskId).getJsonArray("videos").getJsonObject(0).getString("video_url");
        assertThat(url).startsWith(APP.base());
        var video = APP.getBytes(url.substring(APP.base().length()));
        assertThat(video.statusCode()).isEqualTo(200);
        return Files.write(temp.resolve(name), video.body());
    }

    private static String body(String prompt) {
        return Json.createObjectBuilder().add("image_url", imageUrl).add("prompt", prompt).add("duration", 2)
                .add("resolution", "720P").build().toString();
    }

    private static JsonObject result(String taskId) {
        var answer = APP.get("/simulator/v3/async/task-result?task_id=" + taskId, "Authorization", KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    private static String status(String taskId) {
        return result(taskId).getJsonObject("task").getString("status");
    }

    /** The one task id the ledger holds for this prompt. */
    private static String taskIdsOf(String prompt) {
        var answer = APP.get("/simulator/_control/submissions?prompt="
                + URLEncoder.encode(prompt, StandardCharsets.UTF_8));
        JsonObject ledger;
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            ledger = reader.readObject();
        }
        var ids = ledger.getJsonArray("submissions").getJsonObject(0).getJsonArray("taskIds");
        assertThat(ids).hasSize(1);
        return ids.getString(0);
    }

    private enum Ending {
        EOF, RESET
    }

    private record RawAnswer(byte[] bytes, Ending ending) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * A submit over a plain socket, keeping the connection alive (no "Connection: close"), so that the end of
     * the stream can only come from the server closing it.
     */
    private static RawAnswer rawSubmit(String prompt, Duration readTimeout) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            send(socket, prompt);
            socket.setSoTimeout((int) readTimeout.toMillis());
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    got.write(buffer, 0, n);
                }
                return new RawAnswer(got.toByteArray(), Ending.EOF);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The connection stayed open; got: "
                        + new String(got.toByteArray(), StandardCharsets.ISO_8859_1), e);
            } catch (SocketException e) {
                return new RawAnswer(got.toByteArray(), Ending.RESET);
            }
        }
    }

    private static void send(Socket socket, String prompt) throws IOException {
        byte[] json = body(prompt).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + SUBMIT + " HTTP/1.1\r\nHost: localhost:" + PORT + "\r\nAuthorization: " + KEY
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + json.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }
}
