package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanstudio.provider.NovitaSubmitRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SubmissionParseTest {
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String JSON = "application/json";

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    private static NovitaSubmitRequest parse(String body, String contentType) throws SimulatorRefusal {
        return SubmissionValidator.parse(body.getBytes(StandardCharsets.UTF_8), contentType, JSONB);
    }

    @Test
    void bindsNovitasFieldNames() throws Exception {
        NovitaSubmitRequest request = parse("""
                {"image_url":"http://localhost:8080/u/a.png","last_frame_url":null,"prompt":"a cat",
                 "negative_prompt":"blur","duration":7,"resolution":"720P","prompt_extend":false,
                 "watermark":true,"seed":42,"extra":{"webhook":{"url":"http://x"}}}""",
                "application/json; charset=UTF-8");

        assertThat(request.imageUrl).isEqualTo("http://localhost:8080/u/a.png");
        assertThat(request.lastFrameUrl).isNull();
        assertThat(request.prompt).isEqualTo("a cat");
        assertThat(request.negativePrompt).isEqualTo("blur");
        assertThat(request.duration).isEqualTo(7);
        assertThat(request.resolution).isEqualTo("720P");
        assertThat(request.promptExtend).isFalse();
        assertThat(request.watermark).isTrue();
        assertThat(request.seed).isEqualTo(42L);
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertRefused("{\"prompt\": \"a", JSON, "not a valid JSON object");
        assertRefused("[1,2]", JSON, "not a valid JSON object");
        assertRefused("", JSON, "not a valid JSON object");
        assertRefused("{\"prompt\":\"a\"}", "text/plain", "Content-Type");
        assertRefused("{\"prompt\":\"a\"}", null, "Content-Type");
    }

    @Test
    void refusesWrongTypesNamingTheField() {
        assertRefused("{\"duration\":\"5\"}", JSON, "duration:");
        assertRefused("{\"duration\":5.5}", JSON, "duration:");
        assertRefused("{\"duration\":99999999999}", JSON, "duration:");
        assertRefused("{\"seed\":1e40}", JSON, "seed:");
        assertRefused("{\"image_url\":42}", JSON, "image_url:");
        assertRefused("{\"watermark\":\"yes\"}", JSON, "watermark:");
    }

    @Test
    void promptOfReadsLeniently() {
        assertThat(SubmissionValidator.promptOf("{\"prompt\":\"a dog\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a dog");
        assertThat(SubmissionValidator.promptOf("{\"prompt\":3}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SubmissionValidator.promptOf("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SubmissionValidator.promptOf(new byte[0])).isNull();
    }

    @Test
    void messagesNameTheFieldOnce() {
        assertThat(SubmissionValidator.prefixed("image_url", "The image is 120×90 px"))
                .isEqualTo("image_url: The image is 120×90 px");
        assertThat(SubmissionValidator.prefixed("image_url", "image_url: too small"))
                .isEqualTo("image_url: too small");
    }

    private static void assertRefused(String body, String contentType, String messagePart) {
        assertThatThrownBy(() -> parse(body, contentType)).isInstanceOfSatisfying(SimulatorRefusal.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("INVALID_REQUEST_BODY");
            assertThat(r.getMessage()).contains(messagePart);
        });
    }
}
