package io.wanstudio.api;

import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.RestApplication;
import io.wanstudio.provider.ProviderHealth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which provider the studio talks to and how it has been behaving; never the API key. */
@Path("v1/provider")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = RestApplication.PROVIDER_TAG, description = "Which provider the studio uses and how it behaves.")
public class ProviderStatusApi {
    @Inject
    ProviderMode mode;

    @Inject
    ProviderHealth health;

    /** @param simulated true when the built-in simulator plays the provider (nothing is paid for) */
    @Schema(name = "ProviderStatus", requiredProperties = {"description", "simulated", "health"})
    public record ProviderStatus(
            @Schema(description = "Which provider and where, in words (never the API key).")
            String description,
            @Schema(description = "True when the built-in simulator plays the provider: nothing is paid for.")
            boolean simulated,
            @Schema(description = "How the provider has behaved, as this studio instance saw it: last success and "
                    + "failure, and whether the circuit breaker on polls is open (`breakerOpen`, with "
                    + "`breakerRejections` counting polls it held back).")
            ProviderHealth.Snapshot health) {
    }

    @GET
    @Operation(operationId = "getProviderStatus", summary = "Which provider the studio uses and how it behaves")
    @APIResponse(responseCode = "200", description = "The provider's status.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProviderStatus")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public ProviderStatus status() {
        return new ProviderStatus(mode.describe(), !mode.usesRealKey(), health.snapshot(Instant.now()));
    }
}
