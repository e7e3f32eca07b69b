package io.wanstudio.budget;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

/** The calendar month a cost counts toward, in the studio's budget time zone. */
public record BudgetMonth(YearMonth month) {

    public static BudgetMonth of(Instant at, ZoneId zone) {
        return new BudgetMonth(YearMonth.from(at.atZone(zone)));
    }

    /** How the month is stored: "2026-11". */
    public String key() {
        return month.toString();
    }

    /** How a user reads it: "November". */
    public String displayName() {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
