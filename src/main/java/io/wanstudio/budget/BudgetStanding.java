package io.wanstudio.budget;

import java.math.BigDecimal;

/**
 * Where a user stands in a month: their limit and what they have reserved, and the same for the team. A null
 * limit means unlimited.
 */
public record BudgetStanding(BudgetMonth month, BigDecimal userLimit, BigDecimal userSpent, BigDecimal teamLimit,
        BigDecimal teamSpent) {

    /** What the user's budget keeps after spending {@code cost}; null when unlimited. */
    public BigDecimal userLeftAfter(BigDecimal cost) {
        return userLimit == null ? null : userLimit.subtract(userSpent).subtract(cost);
    }

    /** What the team's budget keeps after spending {@code cost}; null when unlimited. */
    public BigDecimal teamLeftAfter(BigDecimal cost) {
        return teamLimit == null ? null : teamLimit.subtract(teamSpent).subtract(cost);
    }

    /**
     * The line the review step shows under the cost, e.g. "4.60 USD left of your 5.00 USD for November"; empty
     * when neither budget is limited.
     */
    public String afterLine(BigDecimal cost, String currency) {
        StringBuilder line = new StringBuilder();
        if (userLimit != null) {
            line.append(Money.format(floor(userLeftAfter(cost)), currency)).append(" left of your ")
                    .append(Money.format(userLimit, currency)).append(" for ").append(month.displayName());
        }
        if (teamLimit != null) {
            if (line.length() > 0) {
                line.append(" · ");
            }
            line.append(Money.format(floor(teamLeftAfter(cost)), currency)).append(" left of the team's ")
                    .append(Money.format(teamLimit, currency)).append(" for ").append(month.displayName());
        }
        return line.toString();
    }

    private static BigDecimal floor(BigDecimal left) {
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
