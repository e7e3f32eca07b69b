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
     * The line the review step shows under the cost, e.g. "4.60 USD left of your 5.00 USD for November"; when the
     * video does not fit, what is left before it: "Does not fit: 0.20 USD left of your 5.00 USD for November".
     * Empty when neither budget is limited.
     */
    public String afterLine(BigDecimal cost, String currency) {
        StringBuilder line = new StringBuilder();
        if (userLimit != null) {
            append(line, userLeftAfter(cost), cost, "your", userLimit, currency);
        }
        if (teamLimit != null) {
            if (line.length() > 0) {
                line.append(" · ");
            }
            append(line, teamLeftAfter(cost), cost, "the team's", teamLimit, currency);
        }
        return line.toString();
    }

    private void append(StringBuilder line, BigDecimal leftAfter, BigDecimal cost, String whose, BigDecimal limit,
            String currency) {
        // "0.00 left" would hide that the submit will be refused, and how far off it is
        boolean fits = leftAfter.signum() >= 0;
        if (!fits) {
            line.append("Does not fit: ");
        }
        line.append(Money.format(floor(fits ? leftAfter : leftAfter.add(cost)), currency)).append(" left of ")
                .append(whose).append(" ").append(Money.format(limit, currency)).append(" for ")
                .append(month.displayName());
    }

    private static BigDecimal floor(BigDecimal left) {
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
