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
        BigDecimal v = amount == null ? BigDecimal.ZERO : amount;
        int scale = Math.min(MAX_SCALE, Math.max(2, v.stripTrailingZeros().scale()));
        BigDecimal shown = v.setScale(scale, RoundingMode.HALF_UP);
        return shown.signum() == 0 ? shown.abs().toPlainString() : shown.toPlainString();
    }
}
