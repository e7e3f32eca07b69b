package io.wanstudio.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The month a cost counts toward, whose budget it is, and the words a user reads about it. */
class BudgetRulesTest {
    private static final BudgetMonth NOVEMBER = new BudgetMonth(YearMonth.of(2026, 11));

    @Test
    void aCostCountsTowardTheMonthOfTheBudgetTimeZone() {
        Instant lastMinuteOfNovemberUtc = Instant.parse("2026-11-30T23:59:00Z");
        assertThat(BudgetMonth.of(lastMinuteOfNovemberUtc, ZoneId.of("UTC")).key()).isEqualTo("2026-11");
        // Already December in Tokyo: a team there budgets by its own calendar.
        assertThat(BudgetMonth.of(lastMinuteOfNovemberUtc, ZoneId.of("Asia/Tokyo")).key()).isEqualTo("2026-12");
        assertThat(BudgetMonth.of(Instant.parse("2027-01-01T00:00:00Z"), ZoneId.of("UTC")).displayName())
                .isEqualTo("January");
    }

    @Test
    void eachUserHasTheirOwnScopeAndTheTeamOneForAll() {
        assertThat(BudgetScope.user("alice")).isEqualTo("user:alice").isNotEqualTo(BudgetScope.user("bob"));
        assertThat(BudgetScope.isTeam(BudgetScope.TEAM)).isTrue();
        assertThat(BudgetScope.isTeam(BudgetScope.user("team"))).isFalse(); // a user named "team" is still a user
        assertThatThrownBy(() -> BudgetScope.user(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRefusalSaysWhatTheVideoCostsAndWhatIsLeft() {
        assertThat(BudgetExceededException.message(BudgetScope.user("alice"), new BigDecimal("0.4"),
                new BigDecimal("0.2000"), "USD", NOVEMBER))
                .isEqualTo("This video costs 0.40 USD; your budget for November has 0.20 USD left.");
        assertThat(BudgetExceededException.message(BudgetScope.TEAM, new BigDecimal("1.25"),
                new BigDecimal("-3"), "EUR", NOVEMBER)) // a limit lowered below what was spent: nothing is left
                .isEqualTo("This video costs 1.25 EUR; the team's budget for November has 0.00 EUR left.");
    }

    @Test
    void amountsShowTwoToFourDecimals() {
        assertThat(Money.plain(new BigDecimal("5"))).isEqualTo("5.00");
        assertThat(Money.plain(new BigDecimal("0.0450"))).isEqualTo("0.045");
        assertThat(Money.plain(new BigDecimal("0.123456"))).isEqualTo("0.1235");
        assertThat(Money.plain(new BigDecimal("-0.00001"))).isEqualTo("0.00");
    }

    @Test
    void theReviewStepSaysWhatRemainsAfterThisVideo() {
        var userOnly = new BudgetStanding(NOVEMBER, new BigDecimal("5.00"), new BigDecimal("0"), null,
                new BigDecimal("12"));
        assertThat(userOnly.afterLine(new BigDecimal("0.40"), "USD"))
                .isEqualTo("4.60 USD left of your 5.00 USD for November");

        var both = new BudgetStanding(NOVEMBER, new BigDecimal("5"), new BigDecimal("4.8"), new BigDecimal("100"),
                new BigDecimal("20"));
        assertThat(both.afterLine(new BigDecimal("0.40"), "USD")).isEqualTo(
                "Does not fit: 0.20 USD left of your 5.00 USD for November · 79.60 USD left of the team's 100.00 USD"
                        + " for November");
        assertThat(both.userLeftAfter(new BigDecimal("0.40"))).isEqualByComparingTo("-0.20");

        var unlimited = new BudgetStanding(NOVEMBER, null, BigDecimal.TEN, null, BigDecimal.TEN);
        assertThat(unlimited.afterLine(BigDecimal.ONE, "USD")).isEmpty();
        assertThat(unlimited.userLeftAfter(BigDecimal.ONE)).isNull();
    }
}
