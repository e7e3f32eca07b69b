package io.wanstudio.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanstudio.provider.ProviderTaskStatus.Phase;
import org.junit.jupiter.api.Test;

class NovitaResponsesTest {

    @Test
    void readsARunningTask() {
        var status = NovitaResponses.taskStatus("""
                {"extra":{"seed":"1"},"task":{"task_id":"t","status":"TASK_STATUS_PROCESSING","reason":"",
                "eta":12,"progress_percent":40},"videos":[],"images":[],"audios":[]}""");
        assertThat(status.phase()).isEqualTo(Phase.RUNNING);
        assertThat(status.progressPercent()).isEqualTo(40);
        assertThat(status.etaSeconds()).isEqualTo(12);
    }

    @Test
    void readsTheSeedTheProviderUsedAsStringOrNumber() {
        String body = """
                {"extra":{"seed":%s},"task":{"status":"TASK_STATUS_PROCESSING"}}""";
        assertThat(NovitaResponses.taskStatus(body.formatted("\"424242\"")).seed()).isEqualTo(424242L);
        assertThat(NovitaResponses.taskStatus(body.formatted("7")).seed()).isEqualTo(7L);
        assertThat(NovitaResponses.taskStatus("{\"task\":{\"status\":\"TASK_STATUS_QUEUED\"}}").seed()).isNull();
    }

    @Test
    void readsTtlGivenAsStringOrNumber() {
        String body = """
                {"task":{"status":"TASK_STATUS_SUCCEED"},"videos":[{"video_url":"https://x/v.mp4",
                "video_url_ttl":%s,"video_type":"mp4"}]}""";
        assertThat(NovitaResponses.taskStatus(body.formatted("\"3600\"")).videoUrlTtlSeconds()).isEqualTo(3600L);
        assertThat(NovitaResponses.taskStatus(body.formatted("1800")).videoUrlTtlSeconds()).isEqualTo(1800L);
        assertThat(NovitaResponses.taskStatus(body.formatted("\"3600\"")).videoUrl()).isEqualTo("https://x/v.mp4");
    }

    @Test
    void missingFieldsAndUnknownStatusesAreNotFinal() {
        var status = NovitaResponses.taskStatus("{\"task\":{\"status\":\"TASK_STATUS_UNKNOWN\"}}");
        assertThat(status.phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(status.etaSeconds()).isNull();
        assertThat(status.progressPercent()).isZero();
        // a success without a link cannot be downloaded yet: asked again, not taken as done
        assertThat(NovitaResponses.taskStatus("{\"task\":{\"status\":\"TASK_STATUS_SUCCEED\"},\"videos\":[]}")
                .phase()).isEqualTo(Phase.SUCCEEDED_WITHOUT_VIDEO);
    }

    @Test
    void failedTaskKeepsTheReason() {
        var status = NovitaResponses.taskStatus(
                "{\"task\":{\"status\":\"TASK_STATUS_FAILED\",\"reason\":\"content moderation\"}}");
        assertThat(status.phase()).isEqualTo(Phase.FAILED);
        assertThat(status.reason()).isEqualTo("content moderation");
    }

    @Test
    void malformedJsonIsTransient() {
        assertThatThrownBy(() -> NovitaResponses.taskStatus("{\"task\": {\"status\": \"TASK_ST"))
                .isInstanceOf(ProviderException.Transient.class);
        assertThatThrownBy(() -> NovitaResponses.taskStatus("<html>502</html>"))
                .isInstanceOf(ProviderException.Transient.class);
    }

    @Test
    void mapsTheErrorTable() {
        var refused = NovitaResponses.error(400,
                "{\"code\":400,\"reason\":\"ILLEGAL_PROMPT\",\"message\":\"no\",\"metadata\":{}}", null, true);
        assertThat(refused).isInstanceOf(ProviderException.Refused.class);
        assertThat(((ProviderException.Refused) refused).reason()).isEqualTo("ILLEGAL_PROMPT");
        assertThat(NovitaResponses.error(400, "{\"reason\":\"MISSING_API_KEY\"}", null, true))
                .isInstanceOf(ProviderException.Unauthorized.class);
        assertThat(NovitaResponses.error(401, "", null, false)).isInstanceOf(ProviderException.Unauthorized.class);
        assertThat(NovitaResponses.error(403, "not json", null, true))
                .isInstanceOf(ProviderException.Unauthorized.class);
        assertThat(NovitaResponses.error(404, "{\"reason\":\"TASK_NOT_FOUND\"}", null, false))
                .isInstanceOf(ProviderException.TaskNotFound.class);
        var limited = NovitaResponses.error(429, "{}", "7", false);
        assertThat(((ProviderException.RateLimited) limited).retryAfterSeconds()).isEqualTo(7);
        // a 5xx is passing for a poll, but of unknown outcome for the paid submit
        assertThat(NovitaResponses.error(500, "{\"reason\":\"GET_RESULT_FAILED\"}", null, false))
                .isInstanceOf(ProviderException.Transient.class);
        assertThat(NovitaResponses.error(503, "", null, true)).isInstanceOf(ProviderException.OutcomeUnknown.class);
    }

    @Test
    void retryAfterIsReadLeniently() {
        assertThat(NovitaResponses.retryAfterSeconds(null)).isEqualTo(NovitaResponses.DEFAULT_RETRY_AFTER_SECONDS);
        assertThat(NovitaResponses.retryAfterSeconds("garbage"))
                .isEqualTo(NovitaResponses.DEFAULT_RETRY_AFTER_SECONDS);
        assertThat(NovitaResponses.retryAfterSeconds(" 3 ")).isEqualTo(3);
    }

    @Test
    void rawTextIsShortenedForAdmins() {
        assertThat(NovitaResponses.excerpt("x".repeat(2000))).hasSizeLessThan(510);
    }

    @Test
    void anAnswerThatIsNotNovitasJsonIsSummarisedNeverPasted() {
        String html = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>nginx</body></html>";
        var refused = NovitaResponses.error(404, html, null, true);
        assertThat(refused).isInstanceOf(ProviderException.Refused.class)
                .hasMessage("The provider answered HTTP 404 with an HTML page.");
        assertThat(NovitaResponses.error(502, html, null, true))
                .isInstanceOf(ProviderException.OutcomeUnknown.class)
                .hasMessage("the provider answered HTTP 502 with an HTML page");
        assertThat(NovitaResponses.error(504, "", null, false))
                .hasMessage("The provider answered HTTP 504 with an empty answer");
        assertThat(NovitaResponses.error(500, "upstream connect error", null, true))
                .hasMessage("the provider answered HTTP 500 with a text that is not JSON");
        assertThat(NovitaResponses.error(400, "{\"reason\":\"INVALID_REQUEST_BODY\",\"message\":\"bad seed\"}",
                null, true)).hasMessage("bad seed");
    }
}
