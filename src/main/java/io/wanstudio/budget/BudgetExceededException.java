package io.wanstudio.budget;

import java.math.BigDecimal;

/**
 * A submit that would take a budget over its monthly limit. Unchecked on purpose: thrown inside the transaction
 * that creates the task, it rolls that transaction back, so neither the task nor any reservation stays.
 */
public class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String scope, BigDecimal cost, BigDecimal left, String currency,
            BudgetMonth month) {
        super(message(scope, cost, left, currency, month));
    }

    /** "This video costs 0.40 USD; your budget for November has 0.20 USD left." */
    static String message(String scope, BigDecimal cost, BigDecimal left, String currency, BudgetMonth month) {
        String whose = BudgetScope.isTeam(scope) ? "the team's budget" : "your budget";
        BigDecimal remaining = left.signum() < 0 ? BigDecimal.ZERO : left;
        return "This video costs " + Money.format(cost, currency) + "; " + whose + " for " + month.displayName()
                + " has " + Money.format(remaining, currency) + " left.";
    }
}
