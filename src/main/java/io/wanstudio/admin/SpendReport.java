package io.wanstudio.admin;

import io.wanstudio.generation.TaskStore;
import io.wanstudio.generation.TaskStore.DailySpend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spend of a month (UTC): per user and per day, in generated seconds and quoted cost, and the months before it;
 * and as CSV.
 */
@ApplicationScoped
public class SpendReport {
    /** How many months the month-by-month view shows, the chosen one last. */
    public static final int MONTHS = 12;

    @Inject
    TaskStore tasks;

    /** A row of a total: who or which day, how many tasks, seconds, cost. */
    public record Line(String label, long tasks, long seconds, BigDecimal cost) {
        Line plus(DailySpend spend) {
            return new Line(label, tasks + spend.tasks(), seconds + spend.seconds(), cost.add(spend.cost()));
        }
    }

    public List<DailySpend> days(YearMonth month) {
        return days(month, month);
    }

    /** From the first day of {@code first} to the last of {@code last}. */
    public List<DailySpend> days(YearMonth first, YearMonth last) {
        return tasks.dailySpend(first.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The {@code count} months up to {@code last}, oldest first, the months without spend included. */
    public List<Line> byMonth(YearMonth last, int count) {
        YearMonth first = last.minusMonths(count - 1L);
        Map<YearMonth, Line> lines = new TreeMap<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            lines.put(month, new Line(month.toString(), 0, 0, BigDecimal.ZERO));
        }
        days(first, last).forEach(d -> lines.computeIfPresent(YearMonth.from(d.day()), (month, line) -> line.plus(d)));
        return List.copyOf(lines.values());
    }

    public List<Line> byUser(List<DailySpend> days) {
        Map<String, Line> lines = new TreeMap<>();
        days.forEach(d -> lines.merge(d.owner(), new Line(d.owner(), 0, 0, BigDecimal.ZERO).plus(d),
                (a, b) -> new Line(a.label(), a.tasks() + b.tasks(), a.seconds() + b.seconds(), a.cost().add(b.cost()))));
        return List.copyOf(lines.values());
    }

    /** Every day of the month, the days without spend included (a chart needs them). */
    public List<Line> byDay(YearMonth month, List<DailySpend> days) {
        Map<LocalDate, Line> lines = new TreeMap<>();
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            LocalDate day = month.atDay(d);
            lines.put(day, new Line(day.toString(), 0, 0, BigDecimal.ZERO));
        }
        days.forEach(d -> lines.computeIfPresent(d.day(), (day, line) -> line.plus(d)));
        return List.copyOf(lines.values());
    }

    public Line total(List<DailySpend> days) {
        Line total = new Line("Total", 0, 0, BigDecimal.ZERO);
        for (DailySpend d : days) {
            total = total.plus(d);
        }
        return total;
    }

    /** user,day,tasks,seconds,cost — one line per user and day, for a spreadsheet. */
    public String csv(List<DailySpend> days) {
        StringBuilder out = new StringBuilder("user,day,tasks,seconds,cost\r\n");
        for (DailySpend d : days) {
            out.append(csvField(d.owner())).append(',').append(d.day()).append(',').append(d.tasks()).append(',')
                    .append(d.seconds()).append(',').append(d.cost().toPlainString()).append("\r\n");
        }
        return out.toString();
    }

    /** Quoted when needed; a leading formula character is neutralised (a spreadsheet would run it). */
    static String csvField(String value) {
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.matches(".*[,\"\\r\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
