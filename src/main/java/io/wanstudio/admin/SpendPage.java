package io.wanstudio.admin;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.budget.Money;
import io.wanstudio.generation.Pricing;
import io.wanstudio.generation.TaskStore.DailySpend;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The admin's spend page ({@code /admin/spend.xhtml?month=2026-11}): per user and per day of a month, and the year
 * up to it month by month; charts and tables.
 */
@Named
@RequestScoped
public class SpendPage {
    @Inject
    CurrentUser currentUser;

    @Inject
    SpendReport report;

    @Inject
    Pricing pricing;

    private String month;
    private YearMonth shown = YearMonth.now(ZoneOffset.UTC);
    private List<SpendReport.Line> users = List.of();
    private List<SpendReport.Line> days = List.of();
    private List<SpendReport.Line> months = List.of();
    private SpendReport.Line total;

    public void load() throws IOException {
        if (!currentUser.isAdmin()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(403, "Admins only");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        shown = parse(month);
        List<DailySpend> spend = report.days(shown);
        users = report.byUser(spend);
        days = report.byDay(shown, spend);
        total = report.total(spend);
        months = report.byMonth(shown, SpendReport.MONTHS);
    }

    static YearMonth parse(String month) {
        try {
            return month == null || month.isBlank() ? YearMonth.now(ZoneOffset.UTC) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            return YearMonth.now(ZoneOffset.UTC);
        }
    }

    /** The largest cost of these lines: a chart's full height. */
    public BigDecimal maxCost(List<SpendReport.Line> lines) {
        return lines.stream().map(SpendReport.Line::cost).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    }

    /** A bar's height in percent of the largest of its chart's lines. */
    public int percentOf(SpendReport.Line line, List<SpendReport.Line> lines) {
        BigDecimal max = maxCost(lines);
        return max.signum() == 0 ? 0 : line.cost().multiply(BigDecimal.valueOf(100))
                .divide(max, java.math.RoundingMode.HALF_UP).intValue();
    }

    /** "0.20 USD": the chart's scale. */
    public String money(BigDecimal amount) {
        return Money.format(amount, getCurrency());
    }

    /** The first day under the chart's left end, e.g. "2026-11-01". */
    public String getFirstDay() {
        return shown.atDay(1).toString();
    }

    /** The last day under the chart's right end. */
    public String getLastDay() {
        return shown.atEndOfMonth().toString();
    }

    public String getShown() {
        return shown.toString();
    }

    public String getPrevious() {
        return shown.minusMonths(1).toString();
    }

    public String getNext() {
        return shown.plusMonths(1).toString();
    }

    public String getCurrency() {
        return pricing.currency();
    }

    public List<SpendReport.Line> getUsers() {
        return users;
    }

    public List<SpendReport.Line> getDays() {
        return days;
    }

    public int getMonthCount() {
        return SpendReport.MONTHS;
    }

    public List<SpendReport.Line> getMonths() {
        return months;
    }

    public SpendReport.Line getTotal() {
        return total;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }
}
