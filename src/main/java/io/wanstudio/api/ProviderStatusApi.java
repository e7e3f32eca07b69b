package io.wanstudio.api;

import io.wanstudio.platform.ProviderMode;
import io.wanstudio.provider.ProviderHealth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Which provider the studio talks to and how it has been behaving; never the API key. */
@Path("v1/provider")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProviderStatusApi {
    @Inject
    ProviderMode mode;

    @Inject
    ProviderHealth health;

    /** @param simulated true when the built-in simulator plays the provider (nothing is paid for) */
    public record ProviderStatus(String description, boolean simulated, ProviderHealth.Snapshot health) {
    }

    @GET
    public ProviderStatus status() {
        return new ProviderStatus(mode.describe(), !mode.usesRealKey(), health.snapshot(Instant.now()));
    }
}
