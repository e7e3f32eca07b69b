package io.wanstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.generation.TaskStore;
import io.wanstudio.generation.TaskStore.DailySpend;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendReportTest {
    /** The store's answer for any range; the ranges asked for are kept. */
    private static final class StoredSpend extends TaskStore {
        final List<Instant[]> asked = new ArrayList<>();
        final List<DailySpend> days;

        StoredSpend(DailySpend... days) {
            this.days = List.of(days);
        }

        @Override
        public List<DailySpend> dailySpend(Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            return days;
        }
    }

    @Test
    void monthByMonthHasEveryMonthOfTheYearUpToTheChosenOneWithTheDaysAddedIntoTheirMonth() {
        var store = new StoredSpend(
                new DailySpend("ann", LocalDate.parse("2026-10-31"), 1, 5, new BigDecimal("0.25")),
                new DailySpend("bob", LocalDate.parse("2026-10-02"), 2, 10, new BigDecimal("0.80")),
                new DailySpend("ann", LocalDate.parse("2026-11-01"), 1, 3, new BigDecimal("0.15")));
        var report = new SpendReport();
        report.tasks = store;

        List<SpendReport.Line> months = report.byMonth(YearMonth.parse("2026-11"), 12);

        assertThat(months).extracting(SpendReport.Line::label).hasSize(12).startsWith("2025-12", "2026-01")
                .endsWith("2026-10", "2026-11");
        assertThat(months.get(10)).isEqualTo(new SpendReport.Line("2026-10", 3, 15, new BigDecimal("1.05")));
        assertThat(months.get(11)).isEqualTo(new SpendReport.Line("2026-11", 1, 3, new BigDecimal("0.15")));
        assertThat(months.get(0)).isEqualTo(new SpendReport.Line("2025-12", 0, 0, BigDecimal.ZERO));
        assertThat(store.asked).singleElement().satisfies(range -> {
            assertThat(range[0]).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
            assertThat(range[1]).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        });
    }

    @Test
    void theCsvCoversOneToAHundredAndTwentyMonthsOneWhenUnreadable() {
        assertThat(SpendCsvServlet.months(null)).isEqualTo(1);
        assertThat(SpendCsvServlet.months("12")).isEqualTo(12);
        assertThat(SpendCsvServlet.months(" 3 ")).isEqualTo(3);
        assertThat(SpendCsvServlet.months("0")).isEqualTo(1);
        assertThat(SpendCsvServlet.months("100000")).isEqualTo(120);
        assertThat(SpendCsvServlet.months("twelve")).isEqualTo(1);
    }
}
