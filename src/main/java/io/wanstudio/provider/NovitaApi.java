package io.wanstudio.provider;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/**
 * Novita's two async endpoints as a MicroProfile Rest Client. Answers come back raw ({@link Response}) so that
 * {@link NovitaGateway} can read error bodies leniently: they may be missing or not JSON at all. (No class-level
 * {@code @Path}: the app's own JAX-RS scan would take the interface for one of its resources.)
 */
public interface NovitaApi {

    @POST
    @Path("/v3/async/wan2.7-i2v")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response submit(@HeaderParam("Authorization") String authorization, NovitaSubmitRequest body);

    @GET
    @Path("/v3/async/task-result")
    @Produces(MediaType.APPLICATION_JSON)
    @ClientHeaderParam(name = "Content-Type", value = MediaType.APPLICATION_JSON) // Novita's docs mark it required
    Response taskResult(@HeaderParam("Authorization") String authorization, @QueryParam("task_id") String taskId);
}
