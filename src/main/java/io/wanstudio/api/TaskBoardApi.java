package io.wanstudio.api;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.board.BoardRefusedException;
import io.wanstudio.board.ReviewBoard;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.RestApplication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One of your tasks on the team's review board: put it forward, see the verdict, take it back while it waits. */
@Path("v1/tasks/{id}/board")
@Tag(name = RestApplication.TASKS_TAG)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskBoardApi {
    private static final String TASK_ID = "The task's `id`.";

    @Inject
    CurrentUser currentUser;

    @Inject
    ReviewBoard board;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(operationId = "getBoardEntry", summary = "Where your task stands on the review board")
    @APIResponse(responseCode = "200", description = "Its entry.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BoardEntry")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", description = "Not on the board, or no such task of yours.", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response entry(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id) {
        return board.entry(currentUser.name(), id).map(e -> Response.ok(BoardEntryJson.of(e)).build())
                .orElseGet(() -> ApiError.response(404, ApiError.NOT_FOUND, "Task #" + id
                        + " is not on the review board."));
    }

    @POST
    @Operation(operationId = "putOnBoard", summary = "Put your finished video forward for the team's review")
    @APIResponse(responseCode = "201", description = "On the board, awaiting a verdict.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BoardEntry")))
    @APIResponse(responseCode = "400", description = "`invalid_request`: not a finished video (or a stitched "
            + "film).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`conflict`: already on the board.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response shortlist(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id) {
        try {
            return Response.status(201).entity(BoardEntryJson.of(board.shortlist(currentUser.name(),
                    request.getRemoteAddr(), id))).build();
        } catch (BoardRefusedException e) {
            return BoardEntryJson.refused(e);
        }
    }

    @DELETE
    @Operation(operationId = "takeOffBoard", summary = "Take your task off the board while it awaits a verdict")
    @APIResponse(responseCode = "204", description = "Off the board.")
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", description = "Not on the board, or no such task of yours.", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "409", description = "`conflict`: it has a verdict already (an admin can take "
            + "it off).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response withdraw(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id) {
        try {
            board.withdraw(currentUser.name(), request.getRemoteAddr(), id, null);
            return Response.noContent().build();
        } catch (BoardRefusedException e) {
            return BoardEntryJson.refused(e);
        }
    }
}
