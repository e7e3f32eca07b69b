package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void bearerOrBareKey() {
        assertThat(ApiKeys.fromHeader("Bearer sk-123")).contains("sk-123");
        assertThat(ApiKeys.fromHeader("bearer   sk-123 ")).contains("sk-123");
        assertThat(ApiKeys.fromHeader("sk-123")).contains("sk-123");
    }

    @Test
    void missingOrBlank() {
        assertThat(ApiKeys.fromHeader(null)).isEmpty();
        assertThat(ApiKeys.fromHeader("  ")).isEmpty();
        assertThat(ApiKeys.fromHeader("Bearer ")).isEmpty();
        assertThat(ApiKeys.fromHeader("Bearer")).isEmpty();
    }

    @Test
    void anyKeyUnlessAListIsConfigured() {
        assertThat(ApiKeys.accepted("anything", Set.of())).isTrue();
        assertThat(ApiKeys.accepted("good", Set.of("good", "also-good"))).isTrue();
        assertThat(ApiKeys.accepted("bad", Set.of("good"))).isFalse();
    }

    @Test
    void ownerIsAHashNotTheKey() {
        assertThat(ApiKeys.owner("sk-123")).matches("[0-9a-f]{64}").doesNotContain("sk-123")
                .isEqualTo(ApiKeys.owner("sk-123")).isNotEqualTo(ApiKeys.owner("sk-124"));
    }
}
