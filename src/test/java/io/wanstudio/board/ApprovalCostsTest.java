package io.wanstudio.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalCostsTest {

    @Test
    void anApprovedSecondCostsEverythingSpentDividedByTheApprovedSeconds() {
        var line = new ApprovalCosts.Line("ana", 20, new BigDecimal("2.00"), 1, 2, 1, 6);
        assertThat(line.perApprovedSecond()).isEqualByComparingTo("0.3333");
        assertThat(line.approvalPercent()).isEqualTo(67L);
    }

    @Test
    void withNothingApprovedThereIsNoPriceRatherThanADivisionByZero() {
        var line = new ApprovalCosts.Line("ana", 20, new BigDecimal("2.00"), 3, 0, 0, 0);
        assertThat(line.perApprovedSecond()).isNull();
        assertThat(line.approvalPercent()).isNull();
    }

    @Test
    void aVerdictReplacesTheLastOneAndABlankCommentIsNone() {
        var entry = new BoardEntry(7, "ana", "ana", Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(entry.getVerdict()).isEqualTo(Verdict.SHORTLISTED);
        entry.decide(Verdict.REJECTED, "boss", "  too dark  ", Instant.parse("2026-11-30T11:00:00Z"));
        assertThat(entry.getComment()).isEqualTo("too dark");
        entry.decide(Verdict.APPROVED, "other", " ", Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(entry.getVerdict()).isEqualTo(Verdict.APPROVED);
        assertThat(entry.getDecidedBy()).isEqualTo("other");
        assertThat(entry.getComment()).isNull();
        assertThatThrownBy(() -> entry.decide(Verdict.SHORTLISTED, "boss", null, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
