package io.wanstudio.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which failed tasks give their reservation back. */
class BudgetReleasesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aTaskTheProviderNeverTookIsNeverBilledSoItsMoneyComesBack() {
        var refused = submitting();
        refused.refused("Your account balance is not enough for this task", NOW);
        assertThat(releases(true).givesMoneyBack(refused)).isTrue();
        assertThat(releases(false).givesMoneyBack(refused)).isTrue();
    }

    @Test
    void aTaskTheProviderFailedLaterCountsOnlyWhenConfiguredTo() {
        var failed = submitting();
        failed.accepted("provider-1", NOW, NOW);
        failed.failed("The provider failed it", NOW);
        assertThat(releases(false).givesMoneyBack(failed)).isTrue();
        assertThat(releases(true).givesMoneyBack(failed)).isFalse();
    }

    private static GenerationTask submitting() {
        var inputs = new TaskInputs("https://example.org/a.png", null, null, null, "a prompt", null, 5, "720P",
                false, false, null);
        return GenerationTask.submitting("alice", null, inputs, new BigDecimal("0.25"), "USD", NOW);
    }

    private static BudgetReleases releases(boolean failedTasksCount) {
        var releases = new BudgetReleases();
        releases.failedTasksCount = failedTasksCount;
        return releases;
    }
}
