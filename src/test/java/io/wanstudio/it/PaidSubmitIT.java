package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The paid POST on the wire: whatever happens to the answer after the provider read the request, the provider
 * receives it exactly once and the task waits for a person in NEEDS_REVIEW, saying what happened. Counted by the
 * simulator per prompt, i.e. what really arrived, not what the app believes it sent.
 */
@ExtendWith(SharedStudio.class)
class PaidSubmitIT {
    private static final String BASE = Http.IT_BASE;
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));
    private static Http api;

    @BeforeAll
    static void signIn() {
        api = new Http(BASE).withBearer(Accounts.adminToken(BASE));
    }

    @AfterEach
    void resetFaults() {
        noMoreFaults();
    }

    private static void noMoreFaults() {
        SIMULATOR.faults("{\"scope\":\"all\",\"dropRate\":0,\"resetRate\":0,\"slowAnswerRate\":0,"
                + "\"badGatewayRate\":0,\"errorAfterCreateRate\":0}");
    }

    @Test
    void anAnswerDroppedAfterTheProviderReadTheRequestIsNeverResent() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"dropRate\":1}");
        assertReviewedOnce(submit("dropped answer"), "the connection closed before the provider answered");
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutIsNeverResent() {
        // the ITs give the app a 15 s read timeout (arquillian.xml)
        SIMULATOR.faults("{\"scope\":\"submit\",\"slowAnswerRate\":1,\"slowAnswerMs\":20000}");
        assertReviewedOnce(submit("late answer"), "the provider did not answer within 15 s");
    }

    @Test
    void anAnswerCutOffMidwayIsNeverResent() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"resetRate\":1}");
        assertReviewedOnce(submit("cut answer"), "the connection broke");
    }

    @Test
    void aGatewayErrorPageIsSummarisedAndNeverResent() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"badGatewayRate\":1}");
        Submitted submitted = submit("bad gateway");
        // a gateway answered, not Novita: the studio cannot know whether the task was made behind it
        JsonObject task = assertReviewedOnce(submitted, "the provider answered HTTP 502 with an HTML page", 0);
        assertThat(task.getString("failureReason")).doesNotContain("<");
    }

    @Test
    void aServerErrorAfterTheTaskWasCreatedIsNeverResent() {
        SIMULATOR.faults("{\"scope\":\"submit\",\"errorAfterCreateRate\":1}");
        assertReviewedOnce(submit("created then 500"), "the provider answered HTTP 500");
    }

    private record Submitted(String prompt, JsonObject task) {
    }

    private static Submitted submit(String what) {
        String prompt = what + " " + UUID.randomUUID();
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270))
                .field("prompt", prompt)
                .field("durationSeconds", "2")
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Submitted(prompt, Http.json(created));
    }

    private static JsonObject assertReviewedOnce(Submitted submitted, String reason) {
        return assertReviewedOnce(submitted, reason, 1);
    }

    /** @param created how many tasks the provider made of the one POST (a gateway error page: none) */
    private static JsonObject assertReviewedOnce(Submitted submitted, String reason, int created) {
        assertThat(submitted.task().getString("state")).isEqualTo("NEEDS_REVIEW");
        assertThat(submitted.task().getString("failureReason")).contains(reason).contains("not sent again");
        assertThat(SIMULATOR.submissions(submitted.prompt())).isEqualTo(new SimulatorControl.Count(1, created));
        // Once a later task has gone from submit to stored video, the poller has had every chance to touch the
        // first one: it is still waiting for a person, and the provider still saw it once.
        noMoreFaults();
        long later = submit("after a fault").task().getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.get("/api/v1/tasks/" + later)).getString("state").equals("COMPLETED"));
        long id = submitted.task().getJsonNumber("id").longValue();
        JsonObject task = Http.json(api.get("/api/v1/tasks/" + id));
        assertThat(task.getString("state")).isEqualTo("NEEDS_REVIEW");
        assertThat(SIMULATOR.submissions(submitted.prompt())).isEqualTo(new SimulatorControl.Count(1, created));
        return task;
    }
}
