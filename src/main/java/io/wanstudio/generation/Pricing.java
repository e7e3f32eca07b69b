package io.wanstudio.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a task will cost: seconds × the per-second price of its resolution. Novita's prices are not in our
 * material, so they are configuration (placeholders by default) that the admin sets.
 */
@ApplicationScoped
public class Pricing {
    @Inject
    @ConfigProperty(name = "wan.price.720p-per-second", defaultValue = "0.05")
    BigDecimal price720p;

    @Inject
    @ConfigProperty(name = "wan.price.1080p-per-second", defaultValue = "0.08")
    BigDecimal price1080p;

    @Inject
    @ConfigProperty(name = "wan.price.currency", defaultValue = "USD")
    String currency;

    public BigDecimal estimate(int seconds, String resolution) {
        BigDecimal perSecond = "720P".equals(resolution) ? price720p : price1080p;
        return perSecond.multiply(BigDecimal.valueOf(seconds));
    }

    public String currency() {
        return currency;
    }
}
