package io.wanstudio.board;

import io.wanstudio.generation.TaskStore;
import io.wanstudio.generation.TaskStore.DailySpend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a usable second costs: the spend of tasks created in a month (UTC; as the spend page counts it) divided by
 * the seconds of those tasks an admin approved on the board. Everything else that month (rejected, never put
 * forward, still waiting) is what the approved seconds cost on top of their own price.
 */
@ApplicationScoped
public class ApprovalCosts {
    @Inject
    TaskStore tasks;

    @Inject
    BoardStore board;

    /** A user's, or a month's, spend and verdicts. */
    public record Line(String label, long seconds, BigDecimal spent, long awaiting, long approved, long rejected,
            long approvedSeconds) {
        static Line empty(String label) {
            return new Line(label, 0, BigDecimal.ZERO, 0, 0, 0, 0);
        }

        Line plus(Line o) {
            return new Line(label, seconds + o.seconds, spent.add(o.spent), awaiting + o.awaiting,
                    approved + o.approved, rejected + o.rejected, approvedSeconds + o.approvedSeconds);
        }

        /** Spend per approved second; null when nothing was approved. */
        public BigDecimal perApprovedSecond() {
            return approvedSeconds == 0 ? null
                    : spent.divide(BigDecimal.valueOf(approvedSeconds), 4, RoundingMode.HALF_UP);
        }

        /** Approved of those decided, in whole percent; null when none was decided. */
        public Long approvalPercent() {
            long decided = approved + rejected;
            return decided == 0 ? null : Math.round(100.0 * approved / decided);
        }
    }

    /** Lines and their total. */
    public record Report(List<Line> lines, Line total) {
    }

    /** Each user with spend or board entries in the month. */
    public Report byUser(YearMonth month) {
        return report(month, month, DailySpend::owner, BoardStore.Judged::owner, Comparator.comparing(Line::label));
    }

    /** The team, month by month, for the {@code months} months up to {@code last}, newest first. */
    public Report byMonth(YearMonth last, int months) {
        return report(last.minusMonths(months - 1L), last,
                d -> YearMonth.from(d.day()).toString(),
                j -> YearMonth.from(j.createdAt().atZone(ZoneOffset.UTC)).toString(),
                Comparator.comparing(Line::label).reversed());
    }

    private Report report(YearMonth first, YearMonth last, Function<DailySpend, String> spendKey,
            Function<BoardStore.Judged, String> judgedKey, Comparator<Line> order) {
        Instant from = first.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Line> lines = new TreeMap<>();
        for (DailySpend d : tasks.dailySpend(from, to)) {
            lines.merge(spendKey.apply(d), new Line(spendKey.apply(d), d.seconds(), d.cost(), 0, 0, 0, 0),
                    Line::plus);
        }
        for (BoardStore.Judged j : board.judged(from, to)) {
            String key = judgedKey.apply(j);
            Line verdict = switch (j.verdict()) {
                case SHORTLISTED -> new Line(key, 0, BigDecimal.ZERO, 1, 0, 0, 0);
                case APPROVED -> new Line(key, 0, BigDecimal.ZERO, 0, 1, 0, j.seconds());
                case REJECTED -> new Line(key, 0, BigDecimal.ZERO, 0, 0, 1, 0);
            };
            lines.merge(key, verdict, Line::plus);
        }
        Line total = lines.values().stream().reduce(Line.empty("Total"), (a, b) -> a.plus(b));
        return new Report(lines.values().stream().sorted(order).toList(), total);
    }
}
