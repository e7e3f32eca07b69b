package io.wanstudio.provider;

import io.wanstudio.platform.ProviderMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The provider in {@code /health/ready}: "degraded" while the circuit breaker on polls is open. Still UP: the
 * studio keeps serving pages, galleries and downloads during a provider outage, and polls resume by themselves,
 * so a load balancer must not take the instance out; monitoring reads the data.
 */
@Readiness
@ApplicationScoped
public class ProviderReadiness implements HealthCheck {
    @Inject
    ProviderHealth health;

    @Inject
    ProviderMode mode;

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        var snapshot = health.snapshot(now);
        var recent = health.recent(now);
        return HealthCheckResponse.named("provider").up()
                .withData("provider", mode.usesRealKey() ? "novita" : "simulator")
                .withData("state", snapshot.breakerOpen() ? "degraded" : "ok")
                .withData("breaker", snapshot.breakerOpen() ? "open" : "closed")
                .withData("recentCalls", recent.calls())
                .withData("recentErrors", recent.errors())
                .build();
    }
}
