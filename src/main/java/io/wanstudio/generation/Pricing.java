package io.wanstudio.generation;

import io.wanstudio.budget.PriceBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a task will cost: seconds × the per-second price of its resolution. Novita's prices are not in our
 * material: the admin sets them on the prices page ({@link PriceBook}); until then the configured placeholders
 * apply. A task keeps the cost it was quoted, so a change affects the next quote only.
 */
@ApplicationScoped
public class Pricing {
    public static final String RES_720P = "720P";
    public static final String RES_1080P = "1080P";

    @Inject
    @ConfigProperty(name = "wan.price.720p-per-second", defaultValue = "0.05")
    BigDecimal price720p;

    @Inject
    @ConfigProperty(name = "wan.price.1080p-per-second", defaultValue = "0.08")
    BigDecimal price1080p;

    @Inject
    @ConfigProperty(name = "wan.price.currency", defaultValue = "USD")
    String currency;

    @Inject
    PriceBook prices;

    public BigDecimal estimate(int seconds, String resolution) {
        return perSecond(resolution).multiply(BigDecimal.valueOf(seconds));
    }

    /** The price per second now: the admin's, or the configured default. */
    public BigDecimal perSecond(String resolution) {
        String key = RES_720P.equals(resolution) ? RES_720P : RES_1080P;
        BigDecimal stored = prices.stored().get(key);
        return stored != null ? stored : defaultPerSecond(key);
    }

    /** The configured price, which applies until the admin sets one. */
    public BigDecimal defaultPerSecond(String resolution) {
        return RES_720P.equals(resolution) ? price720p : price1080p;
    }

    public String currency() {
        return currency;
    }
}
