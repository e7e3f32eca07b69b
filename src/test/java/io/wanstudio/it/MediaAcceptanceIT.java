package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.wanstudio.testing.TestMedia.Sample;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8's acceptance of input media through the JSON API over real HTTP: each bad file, uploaded in its field
 * of a multipart task request, is answered 400 with that field's own message, keeps no file and reaches no
 * provider; one good file of each kind makes a task. (The unit test MediaAcceptanceTest covers the same files
 * and more field combinations without a server.)
 */
@ExtendWith(SharedStudio.class)
class MediaAcceptanceIT {
    private static final Path INPUTS = SharedStudio.DATA.resolve("media").resolve("inputs");
    private static final Http APP = new Http(Http.IT_BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    private static Http api;

    /** Made once for the class: the samples over 15 and 20 MB take the longest to make. */
    @TempDir
    static Path samples;

    @BeforeAll
    static void signIn() {
        api = APP.withBearer(Accounts.adminToken(APP.base()));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments(Sample.TRANSPARENT_PNG, "firstFrame", new String[] {"PNG with transparency"}),
                arguments(Sample.TRANSPARENT_WEBP, "firstFrame", new String[] {"WEBP with transparency"}),
                arguments(Sample.IMAGE_239_PX, "firstFrame", new String[] {"239×320 px", "width is 1 px below the 240 px minimum"}),
                arguments(Sample.IMAGE_8001_PX, "firstFrame", new String[] {"8001×1200 px", "width is 1 px above the 8000 px maximum"}),
                arguments(Sample.IMAGE_1_TO_9, "firstFrame", new String[] {"240×2160 px", "1:9 is narrower than 1:8"}),
                // cut off while streaming, so the message knows the limit but not the whole size
                arguments(Sample.IMAGE_OVER_20_MB, "firstFrame", new String[] {"larger than the 20 MB"}),
                arguments(Sample.TEXT_NAMED_JPG, "firstFrame", new String[] {"not a supported", "JPEG, PNG, BMP"}),
                arguments(Sample.TRUNCATED_JPEG, "firstFrame", new String[] {"damaged or incomplete"}),
                arguments(Sample.GIF, "firstFrame", new String[] {"not a supported", "JPEG, PNG, BMP, WEBP"}),
                arguments(Sample.TIFF, "firstFrame", new String[] {"not a supported", "JPEG, PNG, BMP, WEBP"}),
                arguments(Sample.CLIP_1_S, "firstClip", new String[] {"clip is 1.0 s long: 1.0 s under the 2 s minimum"}),
                arguments(Sample.CLIP_11_S, "firstClip", new String[] {"clip is 11.0 s long: 1.0 s over the 10 s maximum"}),
                arguments(Sample.CLIP_1_TO_9, "firstClip", new String[] {"240×2160 px", "1:9 is narrower than 1:8"}),
                arguments(Sample.WEBM, "firstClip", new String[] {"not a supported", "MP4, MOV"}),
                arguments(Sample.TRUNCATED_MP4, "firstClip", new String[] {"video is damaged or incomplete"}),
                arguments(Sample.TRUNCATED_FAST_START_MP4, "firstClip",
                        new String[] {"video is damaged or incomplete"}),
                arguments(Sample.AUDIO_ONLY_MP4, "firstClip", new String[] {"no video track"}),
                arguments(Sample.AUDIO_1_S, "drivingAudio", new String[] {"audio is 1.0 s long: 1.0 s under the 2 s minimum"}),
                arguments(Sample.AUDIO_31_S, "drivingAudio", new String[] {"audio is 31.0 s long: 1.0 s over the 30 s maximum"}),
                arguments(Sample.AUDIO_OVER_15_MB, "drivingAudio", new String[] {"larger than the 15 MB"}),
                arguments(Sample.OGG, "drivingAudio", new String[] {"not a supported", "WAV, MP3"}));
    }

    static Stream<Arguments> goodInputs() {
        return Stream.of(
                arguments(Sample.JPEG, "firstFrame"),
                arguments(Sample.CMYK_JPEG, "firstFrame"),
                arguments(Sample.MP4, "firstClip"),
                arguments(Sample.MP3, "drivingAudio"));
    }

    @ParameterizedTest(name = "{0} in {1} is refused")
    @MethodSource("badInputs")
    void badInputIsRefusedInItsFieldAndNothingIsKeptOrSent(Sample sample, String field, String[] words)
            throws Exception {
        Set<Path> before = inputFiles();
        String prompt = "refused " + sample + " " + UUID.randomUUID();

        var refused = api.postMultipart("/api/v1/tasks", request(sample, field, prompt));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonObject fields = Http.json(refused).getJsonObject("fields");
        assertThat(fields.keySet()).as(refused.body()).containsExactly(field);
        assertThat(fields.getString(field)).contains(words);
        assertThat(inputFiles()).isEqualTo(before);
        assertThat(SIMULATOR.submissions(prompt).received()).isZero();
    }

    @ParameterizedTest(name = "{0} in {1} is accepted")
    @MethodSource("goodInputs")
    void goodInputMakesATaskThatReachesTheProvider(Sample sample, String field) throws Exception {
        String prompt = "accepted " + sample + " " + UUID.randomUUID();

        var created = api.postMultipart("/api/v1/tasks", request(sample, field, prompt));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SIMULATOR.submissions(prompt).accepted() == 1);
    }

    /** A task request with the sample in its field; driving audio goes with a valid first frame, as it must. */
    private static Http.Multipart request(Sample sample, String field, String prompt) throws Exception {
        var form = new Http.Multipart().field("prompt", prompt).field("durationSeconds", "2");
        if (field.equals("drivingAudio")) {
            form.file("firstFrame", Sample.JPEG.fileName(), "image/jpeg", Files.readAllBytes(Sample.JPEG.in(samples)));
        }
        // the Content-Type a browser would give from the name: the server must judge by content regardless
        String type = URLConnection.guessContentTypeFromName(sample.fileName());
        return form.file(field, sample.fileName(), type == null ? "application/octet-stream" : type,
                Files.readAllBytes(sample.in(samples)));
    }

    private static Set<Path> inputFiles() throws IOException {
        if (!Files.isDirectory(INPUTS)) {
            return Set.of();
        }
        try (var files = Files.list(INPUTS)) {
            return files.collect(Collectors.toSet());
        }
    }
}
