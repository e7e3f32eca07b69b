package io.wanstudio.admin;

import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.provider.ProviderHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The studio's figures in MicroProfile Metrics ({@code /metrics}): tasks by state, polls and provider errors by
 * kind, breaker state, and spend. Read when scraped, from the database and {@link ProviderHealth}: nothing to keep
 * in step.
 */
@ApplicationScoped
public class StudioMetrics {
    @Inject
    MetricRegistry registry;

    @Inject
    TaskStore tasks;

    @Inject
    ProviderHealth health;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (TaskState state : TaskState.values()) {
            registry.gauge(Metadata.builder().withName("wan_tasks").withDescription("Tasks of all users in a state")
                    .build(), () -> tasks.countsByState().getOrDefault(state, 0L), new Tag("state", state.name()));
        }
        registry.gauge(Metadata.builder().withName("wan_spend").withDescription(
                "What all tasks that may be billed cost, in the configured currency").build(),
                () -> tasks.spend().doubleValue());
        registry.gauge(Metadata.builder().withName("wan_provider_polls_recent").withDescription(
                "Polls of the provider in the last 5 minutes").build(), () -> health.recent(Instant.now()).calls());
        registry.gauge(Metadata.builder().withName("wan_provider_breaker_open").withDescription(
                "1 while the circuit breaker on polls is open").build(),
                () -> health.snapshot(Instant.now()).breakerOpen() ? 1 : 0);
        for (String kind : new String[] {"rate limited", "server error", "timeout", "unauthorized", "refused",
            "breaker open", "other"}) {
            registry.gauge(Metadata.builder().withName("wan_provider_errors").withDescription(
                    "Failed polls of the provider since start, by kind").build(),
                    () -> health.errorsByKind().getOrDefault(kind, 0L), new Tag("kind", kind.replace(' ', '_')));
        }
    }
}
