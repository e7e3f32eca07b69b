package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class PollLedgerTest {
    private final PollLedger ledger = new PollLedger();

    @Test
    void countsCallsPerTaskAndKeepsOnlyTheFirstSucceedAnswer() {
        ledger.recordPoll("a");
        ledger.recordPoll("b");
        ledger.recordPoll("a");
        ledger.recordSucceedAnswer("a", 1000, 1200, 1500);
        ledger.recordPoll("a");
        ledger.recordSucceedAnswer("a", 1000, 1200, 4000); // asked again: the first answer stays

        JsonObject json = ledger.toJson();
        assertThat(json.getInt("total")).isEqualTo(4);
        JsonObject a = json.getJsonArray("tasks").getJsonObject(0);
        assertThat(a.getString("taskId")).isEqualTo("a");
        assertThat(a.getInt("polls")).isEqualTo(3);
        assertThat(a.getJsonNumber("plannedEndMs").longValue()).isEqualTo(1000);
        assertThat(a.getJsonNumber("completeTimeMs").longValue()).isEqualTo(1200);
        assertThat(a.getJsonNumber("firstSucceedAnswerMs").longValue()).isEqualTo(1500);
        JsonObject b = json.getJsonArray("tasks").getJsonObject(1);
        assertThat(b.getInt("polls")).isEqualTo(1);
        assertThat(b.getJsonNumber("firstSucceedAnswerMs").longValue()).isZero();

        ledger.clear();
        assertThat(ledger.toJson().getJsonArray("tasks")).isEmpty();
    }
}
