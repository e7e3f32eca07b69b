package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionLedgerTest {
    private final SubmissionLedger ledger = new SubmissionLedger();

    @Test
    void countsPostsPerBodyAndAcceptedOnes() {
        ledger.recordPost("aa", "a cat", null);
        ledger.recordPost("aa", "a cat", null);
        ledger.recordAccepted("aa", "t-1");
        ledger.recordPost("bb", null, null);

        JsonObject json = ledger.toJson(Optional.empty());

        assertThat(json.getInt("total")).isEqualTo(3);
        assertThat(json.getJsonArray("submissions")).hasSize(2);
        JsonObject first = json.getJsonArray("submissions").getJsonObject(0);
        assertThat(first.getString("sha256")).isEqualTo("aa");
        assertThat(first.getString("prompt")).isEqualTo("a cat");
        assertThat(first.getInt("count")).isEqualTo(2);
        assertThat(first.getInt("accepted")).isEqualTo(1);
        assertThat(first.getJsonArray("taskIds").getString(0)).isEqualTo("t-1");
        assertThat(json.getJsonArray("submissions").getJsonObject(1).isNull("prompt")).isTrue();
    }

    @Test
    void countsHowManyPostsWithAPromptArrivedWhateverTheirBodies() {
        ledger.recordPost("aa", "a cat", null);
        ledger.recordPost("aa", "a cat", null);
        ledger.recordPost("cc", "a cat", null); // same prompt, another body (e.g. another seed)
        ledger.recordAccepted("cc", "t-2");
        ledger.recordPost("bb", "a dog", null);

        JsonObject cats = ledger.toJson(Optional.of("a cat"));

        assertThat(cats.getInt("count")).isEqualTo(3);
        assertThat(cats.getInt("accepted")).isEqualTo(1);
        assertThat(cats.getInt("total")).isEqualTo(4);
    }

    @Test
    void filtersByPromptAndClears() {
        ledger.recordPost("aa", "a cat", null);
        ledger.recordPost("bb", "a dog", null);

        assertThat(ledger.toJson(Optional.of("a dog")).getJsonArray("submissions")).hasSize(1);
        assertThat(ledger.toJson(Optional.of("a dog")).getInt("total")).isEqualTo(2);
        ledger.clear();
        assertThat(ledger.toJson(Optional.empty()).getInt("total")).isZero();
        assertThat(ledger.toJson(Optional.empty()).getJsonArray("submissions")).isEmpty();
    }

    @Test
    void keepsTheBodyAsItArrivedSoThatATestCanReadWhatWasAskedFor() {
        var ledger = new SubmissionLedger();
        ledger.recordPost("aa", "a cat", "{\"input\":{\"prompt\":\"a cat\"},\"parameters\":{\"duration\":3}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ledger.recordPost("bb", null, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        var submissions = ledger.toJson(java.util.Optional.empty()).getJsonArray("submissions");

        assertThat(submissions.getJsonObject(0).getJsonObject("request").getJsonObject("parameters")
                .getInt("duration")).isEqualTo(3);
        assertThat(submissions.getJsonObject(1).containsKey("request")).isFalse();
    }
}
