package io.wanstudio.api;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.MediaResponses;
import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.http.RangeStreaming;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The JSON API for tasks: submit (JSON, or a multipart form with files), list, read, and fetch the finished video
 * (with byte ranges) and poster. Every lookup is by the caller's own tasks; another user's task is 404. Thin by
 * design: the rules live in {@link GenerationService}, the streaming in {@link RangeStreaming}.
 */
@Path("v1/tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskApi {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 100;
    private static final int MAX_PAGE = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    @Inject
    UploadingSubmitter uploadingSubmitter;

    @Inject
    TaskMedia media;

    @Context
    UriInfo uriInfo;

    /** Answers 201 for every task made, also one the provider refused at once (FAILED, with its reason). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(TaskSubmission submission, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey)
            throws InvalidRequestException {
        if (submission == null) {
            return ApiError.response(400, ApiError.MALFORMED_JSON, "Send the task as a JSON object.");
        }
        return created(generations.submit(currentUser.name(), submission.toRequest(checked(idempotencyKey))));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submitForm(List<EntityPart> parts, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey)
            throws InvalidRequestException {
        var form = MultipartForm.read(parts);
        return created(uploadingSubmitter.submit(currentUser.name(), TaskSubmission.fromForm(form.text()),
                form.files(), checked(idempotencyKey)));
    }

    /** Keys are stored with the task; a longer one would fail only after the upload, so it is refused first. */
    private static String checked(String idempotencyKey) throws InvalidRequestException {
        if (idempotencyKey != null && idempotencyKey.strip().length() > MAX_IDEMPOTENCY_KEY) {
            throw new InvalidRequestException(Map.of(IDEMPOTENCY_KEY, "Use at most " + MAX_IDEMPOTENCY_KEY
                    + " characters."));
        }
        return idempotencyKey;
    }

    /** Query parameters are read as text: a non-number is the client's mistake (400), not a missing page (404). */
    @GET
    public TaskList list(@QueryParam("first") @DefaultValue("0") String first,
            @QueryParam("max") @DefaultValue("20") String max) throws InvalidRequestException {
        int from = pageParameter("first", first, 0, Integer.MAX_VALUE);
        int size = pageParameter("max", max, 1, MAX_PAGE);
        List<TaskJson> tasks = generations.list(currentUser.name(), from, size).stream().map(this::json).toList();
        return new TaskList(from, size, tasks);
    }

    private static int pageParameter(String name, String value, int min, int max) throws InvalidRequestException {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new InvalidRequestException(Map.of(name, max == Integer.MAX_VALUE ? "Use a whole number, 0 or more."
                : "Use a whole number from " + min + " to " + max + "."));
    }

    /** A page of the caller's tasks, newest first. */
    public record TaskList(int first, int max, List<TaskJson> tasks) {
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") long id) {
        return generations.find(currentUser.name(), id).map(task -> Response.ok(json(task)).build())
                .orElseGet(TaskApi::notFound);
    }

    @GET
    @Path("{id}/video")
    @Produces({"video/mp4", MediaType.APPLICATION_JSON})
    public Response video(@PathParam("id") long id, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws IOException {
        return file(id, TaskMedia.Kind.VIDEO, new RangeStreaming.Conditions(range, ifRange, ifNoneMatch));
    }

    @GET
    @Path("{id}/poster")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    public Response poster(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws IOException {
        return file(id, TaskMedia.Kind.POSTER, new RangeStreaming.Conditions(null, null, ifNoneMatch));
    }

    private Response file(long id, TaskMedia.Kind kind, RangeStreaming.Conditions conditions) throws IOException {
        var file = media.file(currentUser.name(), id, kind);
        return file.isEmpty() ? notFound() : MediaResponses.of(file.get(), kind, conditions);
    }

    private Response created(GenerationTask task) {
        URI self = selfUri(task);
        return Response.created(self).entity(TaskJson.of(task, self.toString())).build();
    }

    private TaskJson json(GenerationTask task) {
        return TaskJson.of(task, selfUri(task).toString());
    }

    private URI selfUri(GenerationTask task) {
        return uriInfo.getBaseUriBuilder().path(TaskApi.class).path(Long.toString(task.getId())).build();
    }

    private static Response notFound() {
        return ApiError.response(404, ApiError.NOT_FOUND, "There is no such task.");
    }
}
