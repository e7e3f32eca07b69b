package io.wanstudio.api;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.DownloadNames;
import io.wanstudio.gallery.MediaResponses;
import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.RestApplication;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JSON API for tasks: submit (JSON, or a multipart form with files), list, read, and fetch the finished video
 * (with byte ranges) and poster. Every lookup is by the caller's own tasks; another user's task is 404. Thin by
 * design: the rules live in {@link GenerationService}, the streaming in {@link RangeStreaming}.
 *
 * <p>The two submit methods share one path and method, which OpenAPI describes as one operation with two request
 * body types (documented on {@link #submitForm}).
 */
@Path("v1/tasks")
@Tag(name = RestApplication.TASKS_TAG, description = "Submit image-to-video tasks, follow them, and download "
        + "their videos.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskApi {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 100;
    private static final int MAX_PAGE = 200;
    private static final String TASK_ID = "The task's `id` (another account's task is 404).";

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

    /**
     * The same operation with the files in the request. Its OpenAPI documentation covers both body types: Payara
     * keeps one operation per path and method, the one of this method, and fails on {@code hidden} here.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "submitTask", summary = "Submit a task",
            description = "Checks the request against every rule of the provider (field values, the accepted "
                    + "input combinations, and the media themselves: each URL is fetched and each file inspected "
                    + "by content) before anything is paid for, then submits it. Send JSON with the inputs as URLs "
                    + "(`application/json`), or a `multipart/form-data` form with the files as parts named "
                    + "`firstFrame`, `lastFrame`, `firstClip`, `drivingAudio` and the other fields as text parts. "
                    + TaskSubmission.COMBINATIONS + "\n\n"
                    + "Answers 201 for every task made, including one the provider refused at once (content, "
                    + "balance, rate limit, provider unreachable): then `state` is `FAILED` with a "
                    + "`failureReason`, and nothing was charged.")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TaskSubmission"),
                examples = {
                    @ExampleObject(name = "firstFrame", summary = "First frame", value = "{\"firstFrameUrl\":"
                            + "\"https://example.com/first.png\",\"prompt\":\"The lanterns sway\","
                            + "\"durationSeconds\":5,\"resolution\":\"720P\"}"),
                    @ExampleObject(name = "firstAndLastFrame", summary = "First + last frame", value = "{"
                            + "\"firstFrameUrl\":\"https://example.com/first.png\",\"lastFrameUrl\":"
                            + "\"https://example.com/last.png\",\"prompt\":\"Day turns to night\"}"),
                    @ExampleObject(name = "firstFrameAndAudio", summary = "First frame + driving audio",
                            value = "{\"firstFrameUrl\":\"https://example.com/face.jpg\",\"drivingAudioUrl\":"
                                    + "\"https://example.com/voice.mp3\",\"prompt\":\"She sings\"}"),
                    @ExampleObject(name = "continueClip", summary = "Continue a clip", value = "{"
                            + "\"firstClipUrl\":\"https://example.com/clip.mp4\",\"prompt\":\"The camera keeps "
                            + "flying\",\"durationSeconds\":8}"),
                    @ExampleObject(name = "clipAndLastFrame", summary = "Clip + last frame", value = "{"
                            + "\"firstClipUrl\":\"https://example.com/clip.mp4\",\"lastFrameUrl\":"
                            + "\"https://example.com/last.png\"}")}),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                schema = @Schema(implementation = TaskSubmission.class, type = SchemaType.OBJECT,
                        description = "The same fields as `TaskSubmission`, as text parts (numbers as digits, "
                                + "booleans as `true`/`false`), plus the files as file parts. Files are judged by "
                                + "their content, not by name or part Content-Type. A file part and the `…Url` of "
                                + "the same input may not both be given; one file per part name.",
                        properties = {
                            @SchemaProperty(name = GenerationRequest.FIRST_FRAME, type = SchemaType.STRING,
                                    format = "binary", description = "First frame image. "
                                            + TaskSubmission.IMAGE_RULES),
                            @SchemaProperty(name = GenerationRequest.LAST_FRAME, type = SchemaType.STRING,
                                    format = "binary", description = "Last frame image. "
                                            + TaskSubmission.IMAGE_RULES),
                            @SchemaProperty(name = GenerationRequest.FIRST_CLIP, type = SchemaType.STRING,
                                    format = "binary", description = "First clip to continue. "
                                            + TaskSubmission.CLIP_RULES),
                            @SchemaProperty(name = GenerationRequest.DRIVING_AUDIO, type = SchemaType.STRING,
                                    format = "binary", description = "Driving audio. "
                                            + TaskSubmission.AUDIO_RULES)}))})
    @APIResponse(responseCode = "201", description = "The task was made (see `state`).",
            headers = @Header(name = "Location", description = "The task's URL, to poll.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "400", description = "Refused before anything was sent or paid for: "
            + "`invalid_request` with a message per field at fault (all of them at once), or `malformed_json` when "
            + "the body is not JSON or a field has the wrong type. An oversized file is refused here too, on its "
            + "field.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError"), examples = {
                        @ExampleObject(name = "invalid_request", value = "{\"error\":\"invalid_request\","
                                + "\"message\":\"The image is 239×400 px: its width is 1 px below the 240 px "
                                + "minimum.; The duration is 20 s; it must be 2 to 15 s.\",\"fields\":{"
                                + "\"firstFrame\":\"The image is 239×400 px: its width is 1 px below the 240 px "
                                + "minimum.\",\"durationSeconds\":\"The duration is 20 s; it must be 2 to "
                                + "15 s.\"}}"),
                        @ExampleObject(name = "malformed_json", value = "{\"error\":\"malformed_json\","
                                + "\"message\":\"The request body is not valid JSON (line 1, column 22).\"}")}))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "413", description = "The request declares more bytes than all four media files "
            + "may add up to (plus a mebibyte for the text fields); refused before its body is read.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError"), example = "{\"error\":\"request_too_large\",\"message\":"
                            + "\"The request is 2048.0 MB; with all its files it may be at most 156 MB (first and "
                            + "last frame 20 MB each, clip 100 MB, driving audio 15 MB).\"}"))
    @APIResponse(responseCode = "415", description = "Neither JSON nor a multipart form.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError"), example = "{\"error\":"
                            + "\"unsupported_media_type\",\"message\":\"Send JSON (application/json) or, with "
                            + "files, a multipart form (multipart/form-data).\"}"))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response submitForm(List<EntityPart> parts, @HeaderParam(IDEMPOTENCY_KEY) @Parameter(
            description = "Optional. The same key again (from the same account) returns the task made the first "
                    + "time, with 201, instead of making and paying for a second one; a repeated multipart request "
                    + "does not even store its files again. Use one per intended task, e.g. a UUID; at most "
                    + MAX_IDEMPOTENCY_KEY + " characters.", schema = @Schema(type = SchemaType.STRING,
                            maxLength = MAX_IDEMPOTENCY_KEY), example = "5f0c2b7e-8d4a-4e43-9a51-0d6f1c9e2b10")
            String idempotencyKey) throws InvalidRequestException {
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
    @Operation(operationId = "listTasks", summary = "List your tasks, newest first")
    @APIResponse(responseCode = "200", description = "A page of the caller's tasks.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "TaskList")))
    @APIResponse(responseCode = "400", description = "`first` or `max` is not a whole number in its range "
            + "(`invalid_request`, on the parameter).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public TaskList list(@QueryParam("first") @DefaultValue("0") @Parameter(description = "How many of the newest "
            + "tasks to skip.", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                    defaultValue = "0")) String first,
            @QueryParam("max") @DefaultValue("20") @Parameter(description = "Most tasks in the page.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "" + MAX_PAGE, defaultValue = "20")) String max) throws InvalidRequestException {
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
    @Schema(name = "TaskList", description = "A page of tasks, newest first.",
            requiredProperties = {"first", "max", "tasks"})
    public record TaskList(@Schema(description = "Tasks skipped, as asked.") int first,
            @Schema(description = "Page size, as asked; fewer tasks means the end.") int max,
            List<TaskJson> tasks) {
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTask", summary = "Read a task (poll it)",
            description = "Poll every few seconds until `state` is `COMPLETED`, `FAILED` or `NEEDS_REVIEW`; "
                    + "tasks take from tens of seconds to minutes.")
    @APIResponse(responseCode = "200", description = "The task.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response get(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        return generations.find(currentUser.name(), id).map(task -> Response.ok(json(task)).build())
                .orElseGet(TaskApi::notFound);
    }

    @GET
    @Path("{id}/video")
    @Produces({"video/mp4", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getTaskVideo", summary = "Download the video (MP4, byte ranges)",
            description = "The finished video, stored in the studio (the provider's own link expires). Supports "
                    + "`HEAD`, byte ranges (`Range`, `If-Range`) for resuming and seeking, and `If-None-Match`. "
                    + "A finished video never changes, so it may be cached privately.")
    @APIResponse(responseCode = "200", description = "The whole video.", headers = {
        @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Last-Modified", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Accept-Ranges", description = "`bytes`", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Content-Length", schema = @Schema(type = SchemaType.INTEGER)),
        @Header(name = "Content-Disposition", description = "`attachment` with a name of the day, the first words "
                + "of the prompt and the id, e.g. `2026-11-30 lanterns-sway-in-the-wind 42.mp4` (RFC 6266).",
                schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "video/mp4", schema = @Schema(ref = RestApplication.VIDEO_FILE)))
    @APIResponse(responseCode = "206", description = "The requested byte range.", headers = @Header(
            name = "Content-Range", description = "e.g. `bytes 0-99/81234`",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "video/mp4", schema = @Schema(ref = RestApplication.VIDEO_FILE)))
    @APIResponse(responseCode = "304", description = "Not modified (`If-None-Match` matched the `ETag`).")
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "416", description = "The range lies outside the file.", headers = @Header(
            name = "Content-Range", description = "`bytes */<size>`", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response video(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id,
            @HeaderParam("Range") @Parameter(description = "One byte range, e.g. `bytes=0-99` or `bytes=1000-`.")
            String range,
            @HeaderParam("If-Range") @Parameter(description = "The `ETag` or `Last-Modified` of the part you have: "
                    + "the range applies only if the file is still the same.") String ifRange,
            @HeaderParam("If-None-Match") @Parameter(description = "An `ETag` you have: 304 if it still matches.")
            String ifNoneMatch) throws IOException {
        return file(id, TaskMedia.Kind.VIDEO, new RangeStreaming.Conditions(range, ifRange, ifNoneMatch));
    }

    @GET
    @Path("{id}/poster")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getTaskPoster", summary = "Download the poster frame (JPEG)",
            description = "A still frame of the finished video. Supports `HEAD` and `If-None-Match`.")
    @APIResponse(responseCode = "200", description = "The poster.", headers = @Header(name = "ETag",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "image/jpeg", schema = @Schema(ref = RestApplication.POSTER_FILE)))
    @APIResponse(responseCode = "304", description = "Not modified (`If-None-Match` matched the `ETag`).")
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response poster(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id,
            @HeaderParam("If-None-Match") @Parameter(description = "An `ETag` you have: 304 if it still matches.")
            String ifNoneMatch) throws IOException {
        return file(id, TaskMedia.Kind.POSTER, new RangeStreaming.Conditions(null, null, ifNoneMatch));
    }

    private Response file(long id, TaskMedia.Kind kind, RangeStreaming.Conditions conditions) throws IOException {
        var task = media.completed(currentUser.name(), id);
        var file = task.flatMap(t -> media.file(t, kind));
        return file.isEmpty() ? notFound() : MediaResponses.of(file.get(), kind, conditions,
                kind == TaskMedia.Kind.VIDEO ? DownloadNames.of(task.get()) : null);
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
