package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptMarkersTest {
    @Test
    void plainPromptsHaveNoMarker() {
        assertThat(PromptMarkers.of("a cat on a roof")).isEqualTo(new PromptMarkers(false, false, Optional.empty()));
        assertThat(PromptMarkers.of(null).refusal()).isEmpty();
    }

    @Test
    void failMarkerWithAndWithoutReason() {
        assertThat(PromptMarkers.of("x [simulate-fail] y").failReason()).contains(PromptMarkers.DEFAULT_FAIL_REASON);
        assertThat(PromptMarkers.of("x [simulate-fail:   ] y").failReason())
                .contains(PromptMarkers.DEFAULT_FAIL_REASON);
        assertThat(PromptMarkers.of("[simulate-fail: Out of GPU memory] a dog").failReason())
                .contains("Out of GPU memory");
        assertThat(PromptMarkers.of("[simulate-fail: x]").refusal()).isEmpty();
    }

    @Test
    void refusalMarkers() {
        assertThat(PromptMarkers.of("a [simulate-illegal-prompt]").refusal()).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("ILLEGAL_PROMPT");
            assertThat(r.getMessage()).startsWith("prompt:");
        });
        assertThat(PromptMarkers.of("[simulate-no-balance] a").refusal()).get()
                .extracting(SimulatorRefusal::reason).isEqualTo("BILLING_BALANCE_NOT_ENOUGH");
    }
}
