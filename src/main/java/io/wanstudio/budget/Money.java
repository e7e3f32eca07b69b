package io.wanstudio.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as people read them: at least two decimals, at most four, never "-0.00". */
public final class Money {
    private static final int MAX_SCALE = 4;

    private Money() {
    }

    public static String format(BigDecimal amount, String currency) {
        return plain(amount) + " " + currency;
    }

    public static String plain(BigDecimal amount) {
        BigDecimal rounded = (amount == null ? BigDecimal.ZERO : amount).setScale(MAX_SCALE, RoundingMode.HALF_UP);
        int scale = Math.max(2, rounded.stripTrailingZeros().scale());
        BigDecimal shown = rounded.setScale(scale, RoundingMode.UNNECESSARY);
        return shown.signum() == 0 ? shown.abs().toPlainString() : shown.toPlainString();
    }
}
