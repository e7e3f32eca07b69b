package io.wanstudio.api;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.DownloadNames;
import io.wanstudio.gallery.GalleryCursor;
import io.wanstudio.gallery.GalleryPage;
import io.wanstudio.gallery.GalleryQuery;
import io.wanstudio.gallery.GalleryService;
import io.wanstudio.gallery.MediaResponses;
import io.wanstudio.gallery.TaskBusyException;
import io.wanstudio.gallery.Tags;
import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.TaskState;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.RestApplication;
import io.wanstudio.platform.http.RangeStreaming;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final int MAX_PAGE = GalleryService.MAX_PAGE;
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_SEARCH = 200;
    private static final String TASK_ID = "The task's `id` (another account's task is 404).";

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    @Inject
    UploadingSubmitter uploadingSubmitter;

    @Inject
    TaskMedia media;

    @Inject
    GalleryService gallery;

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
        return created(generations.submit(currentUser.name(), submission.toRequest(checked(idempotencyKey)),
                submission.origin()));
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
        var task = uploadingSubmitter.submit(currentUser.name(), TaskSubmission.fromForm(form.text()), form.files(),
                checked(idempotencyKey));
        URI self = selfUri(task);
        TaskJson answer = TaskJson.of(task, self.toString());
        // said to the script's author, as the create page says it at its upload fields
        String warning = providerMode.unreachableUploadLinks().orElse(null);
        return Response.created(self).entity(warning == null ? answer : answer.withWarning(warning)).build();
    }

    /** Keys are stored with the task; a longer one would fail only after the upload, so it is refused first. */
    private static String checked(String idempotencyKey) throws InvalidRequestException {
        if (idempotencyKey != null && idempotencyKey.strip().length() > MAX_IDEMPOTENCY_KEY) {
            throw new InvalidRequestException(Map.of(IDEMPOTENCY_KEY, "Use at most " + MAX_IDEMPOTENCY_KEY
                    + " characters."));
        }
        return idempotencyKey;
    }

    /**
     * Query parameters are read as text: a value that does not parse is the client's mistake (400, on the
     * parameter), not a missing page (404).
     */
    @GET
    @Operation(operationId = "listTasks", summary = "List your tasks: filter, search, sort, page by cursor",
            description = "A page of your tasks, newest first unless `sort` says otherwise. Every filter is "
                    + "optional and they combine (AND). Pages are cursor-based: the answer's `nextCursor` gives the "
                    + "next page with the same filters and sort, and is left out on the last page. A page costs the "
                    + "same however deep it is, and tasks made after the first page never shift the pages after it "
                    + "(they appear on a fresh first page).")
    @APIResponse(responseCode = "200", description = "A page of the caller's tasks.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "TaskList")))
    @APIResponse(responseCode = "400", description = "A parameter is not valid (`invalid_request`, with a message "
            + "on each parameter at fault), including a `cursor` that was changed or belongs to another `sort`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError"),
                    example = "{\"error\":\"invalid_request\",\"message\":\"The cursor is not valid for this list: "
                            + "start again from the first page (without a cursor).\",\"fields\":{\"cursor\":\"The "
                            + "cursor is not valid for this list: start again from the first page (without a "
                            + "cursor).\"}}"))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public TaskList list(
            @QueryParam("state") @Parameter(description = "Only tasks in these states: `running` (submitting, "
                    + "queued, processing or downloading), `completed`, `failed`, `needs_review`, or a single state "
                    + "such as `queued`. Repeat the parameter or separate with commas for several.",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)) List<String> state,
            @QueryParam("mode") @Parameter(description = "Only tasks made from this input combination.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"FIRST_FRAME", "FIRST_FRAME_AUDIO",
                        "FIRST_LAST", "FIRST_LAST_AUDIO", "CONTINUE_CLIP", "CONTINUE_CLIP_TO_FRAME"}))
            String mode,
            @QueryParam("resolution") @Parameter(description = "Only tasks of this resolution.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"720P", "1080P"})) String resolution,
            @QueryParam("from") @Parameter(description = "Only tasks made on or after this day (UTC).",
                    schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-11-01")
            String from,
            @QueryParam("to") @Parameter(description = "Only tasks made on or before this day (UTC).",
                    schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-11-30") String to,
            @QueryParam("favourite") @Parameter(description = "`true`: only your favourites.",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String favourite,
            @QueryParam("tag") @Parameter(description = "Only tasks with this tag (any case).",
                    schema = @Schema(type = SchemaType.STRING, maxLength = Tags.MAX_LENGTH)) String tag,
            @QueryParam("q") @Parameter(description = "Text to find in the prompt or negative prompt, in any case; "
                    + "`%` and `_` are matched as themselves.", schema = @Schema(type = SchemaType.STRING,
                            maxLength = MAX_SEARCH)) String q,
            @QueryParam("sort") @Parameter(description = "The order: by when the task was made (`newest`, "
                    + "`oldest`), the video's length (`longest`, `shortest`) or the price (`costliest`, "
                    + "`cheapest`); ties newest id first in descending orders.", schema = @Schema(
                            type = SchemaType.STRING, enumeration = {"newest", "oldest", "longest", "shortest",
                                "costliest", "cheapest"}, defaultValue = "newest")) String sort,
            @QueryParam("cursor") @Parameter(description = "The `nextCursor` of the page before, with the same "
                    + "filters and sort; leave out for the first page.",
                    schema = @Schema(type = SchemaType.STRING)) String cursor,
            @QueryParam("limit") @Parameter(description = "Most tasks in the page.", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "" + MAX_PAGE,
                    defaultValue = "20")) String limit,
            @QueryParam("max") @Parameter(deprecated = true, description = "The former name of `limit`.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "" + MAX_PAGE)) String max,
            @QueryParam("first") @Parameter(deprecated = true, description = "Only `0` is accepted (the former "
                    + "offset paging): follow `nextCursor` for the next pages.", schema = @Schema(
                            type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "0"))
            String first) throws InvalidRequestException {
        Map<String, String> errors = new LinkedHashMap<>();
        var query = query(state, mode, resolution, from, to, favourite, tag, q, sort, cursor, errors);
        int size = given(limit) ? pageParameter("limit", limit, 1, MAX_PAGE, errors)
                : given(max) ? pageParameter("max", max, 1, MAX_PAGE, errors) : DEFAULT_PAGE;
        if (given(first) && pageParameter("first", first, 0, 0, errors) != 0) {
            errors.put("first", "Offset paging is replaced by cursors: follow nextCursor for the next pages.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        GalleryPage page;
        try {
            page = gallery.page(currentUser.name(), query, size);
        } catch (GalleryCursor.InvalidCursorException e) {
            throw new InvalidRequestException(Map.of("cursor", e.getMessage()));
        }
        return new TaskList(0, size, page.items().stream().map(this::json).toList(), page.nextCursor());
    }

    /**
     * The list's filters as a query; each value that does not parse adds a message on its parameter to
     * {@code errors} (shared with the admin's list of every user's tasks).
     */
    static GalleryQuery query(List<String> state, String mode, String resolution, String from, String to,
            String favourite, String tag, String q, String sort, String cursor, Map<String, String> errors) {
        Set<TaskState> states = EnumSet.noneOf(TaskState.class);
        for (String value : state == null ? List.<String>of() : state) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    GalleryQuery.StateGroup.parse(name).ifPresentOrElse(states::addAll, () -> errors.put("state",
                            "Use running, completed, failed, needs_review or a task state such as queued."));
                }
            }
        }
        GalleryQuery.Mode chosenMode = given(mode) ? GalleryQuery.Mode.parse(mode).orElseGet(() -> {
            errors.put("mode", "Use FIRST_FRAME, FIRST_FRAME_AUDIO, FIRST_LAST, FIRST_LAST_AUDIO, CONTINUE_CLIP "
                    + "or CONTINUE_CLIP_TO_FRAME.");
            return null;
        }) : null;
        String chosenResolution = given(resolution) ? resolution.strip().toUpperCase(Locale.ROOT) : null;
        if (chosenResolution != null && !chosenResolution.equals("720P") && !chosenResolution.equals("1080P")) {
            errors.put("resolution", "Use 720P or 1080P.");
        }
        LocalDate fromDay = day("from", from, errors);
        LocalDate toDay = day("to", to, errors);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            errors.put("to", "The last day is before the first (" + fromDay + ").");
        }
        boolean favouritesOnly = given(favourite) && flag("favourite", favourite, errors);
        String chosenTag = null;
        if (given(tag)) {
            try {
                chosenTag = Tags.normalise(tag);
            } catch (Tags.InvalidTagException e) {
                errors.put("tag", e.getMessage());
            }
        }
        if (given(q) && q.strip().length() > MAX_SEARCH) {
            errors.put("q", "Search for at most " + MAX_SEARCH + " characters.");
        }
        GalleryQuery.Sort order = given(sort) ? GalleryQuery.Sort.parse(sort).orElseGet(() -> {
            errors.put("sort", "Use newest, oldest, longest, shortest, costliest or cheapest.");
            return null;
        }) : GalleryQuery.Sort.NEWEST;
        return new GalleryQuery(states, chosenMode, chosenResolution, fromDay, toDay, favouritesOnly, chosenTag,
                given(q) ? q : null, order, cursor);
    }

    static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }

    static int pageParameter(String name, String value, int min, int max, Map<String, String> errors) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        errors.put(name, "Use a whole number from " + min + " to " + max + ".");
        return min;
    }

    private static LocalDate day(String name, String value, Map<String, String> errors) {
        if (!given(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(name, "Give a day as YYYY-MM-DD.");
            return null;
        }
    }

    private static boolean flag(String name, String value, Map<String, String> errors) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> {
                errors.put(name, "Use true or false.");
                yield false;
            }
        };
    }

    /** A page of the caller's tasks. */
    @Schema(name = "TaskList", description = "A page of tasks in the asked order.",
            requiredProperties = {"first", "max", "tasks"})
    public record TaskList(@Schema(deprecated = true, description = "Always 0 (from the former offset paging).")
            int first,
            @Schema(description = "Page size, as asked (`limit`).") int max,
            List<TaskJson> tasks,
            @Schema(description = "Pass as `cursor` (with the same filters and sort) for the next page; left out "
                    + "on the last page.", example = "ZzF8TkVXRVNUfDE3OTY0NTU2ODUwMDAwMDB8NDI") String nextCursor) {
    }

    /** The lineage of a task, root first, and what it cost. */
    @Schema(name = "TaskChain", description = "A task's lineage: the task it was first made from (root) to the "
            + "task itself, each made from the one before.", requiredProperties = {"tasks", "totalCost", "currency",
                "complete"})
    public record ChainJson(@Schema(description = "Root first, the task last.") List<TaskJson> tasks,
            @Schema(description = "The sum of the chain's prices, leaving out submits the provider refused "
                    + "(nothing was charged for those).", example = "0.75") BigDecimal totalCost,
            @Schema(example = "USD") String currency,
            @Schema(description = "False when the chain was cut (longer than " + GalleryService.MAX_CHAIN
                    + " tasks).") boolean complete) {
    }

    /** Tasks without paging (a task's children). */
    @Schema(name = "TaskChildren", description = "The tasks made from a task, oldest first.",
            requiredProperties = "tasks")
    public record Children(List<TaskJson> tasks) {
    }

    /** A tag to put on a task. */
    @Schema(name = "TagRequest", requiredProperties = "tag")
    public record TagRequest(@Schema(description = "1 to " + Tags.MAX_LENGTH + " letters, digits, spaces, `-` "
            + "or `_`; stored trimmed and in lower case.", maxLength = Tags.MAX_LENGTH, example = "harbour")
            String tag) {
    }

    @PUT
    @Path("{id}/favourite")
    @Operation(operationId = "markFavourite", summary = "Mark a task as a favourite",
            description = "Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "The task, now a favourite.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response markFavourite(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        return taskOrNotFound(gallery.setFavourite(currentUser.name(), id, true));
    }

    @DELETE
    @Path("{id}/favourite")
    @Operation(operationId = "unmarkFavourite", summary = "Unmark a favourite",
            description = "Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "The task, no longer a favourite.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response unmarkFavourite(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        return taskOrNotFound(gallery.setFavourite(currentUser.name(), id, false));
    }

    @POST
    @Path("{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addTag", summary = "Put a tag on a task",
            description = "Tags are stored trimmed and in lower case; a task has each tag once (adding it again "
                    + "changes nothing). `GET /api/v1/tags` lists your tags with their counts.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "TagRequest")))
    @APIResponse(responseCode = "200", description = "The task with its tags.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "400", description = "The tag breaks the rule (`invalid_request` on `tag`).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError"),
                    example = "{\"error\":\"invalid_request\",\"message\":\"A tag may contain letters, digits, "
                            + "spaces, \\\"-\\\" and \\\"_\\\" only.\",\"fields\":{\"tag\":\"A tag may contain "
                            + "letters, digits, spaces, \\\"-\\\" and \\\"_\\\" only.\"}}"))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response addTag(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id, TagRequest request)
            throws InvalidRequestException {
        if (request == null) {
            return ApiError.response(400, ApiError.MALFORMED_JSON, "Send the tag as {\"tag\": \"...\"}.");
        }
        List<Long> tagged;
        try {
            tagged = gallery.addTag(currentUser.name(), List.of(id), request.tag());
        } catch (Tags.InvalidTagException e) {
            throw new InvalidRequestException(Map.of("tag", e.getMessage()));
        }
        return tagged.isEmpty() ? notFound() : taskOrNotFound(gallery.find(currentUser.name(), id));
    }

    @DELETE
    @Path("{id}/tags/{tag}")
    @Operation(operationId = "removeTag", summary = "Take a tag off a task",
            description = "The tag in any case; taking off a tag the task does not have changes nothing.")
    @APIResponse(responseCode = "200", description = "The task with its remaining tags.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response removeTag(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id,
            @PathParam("tag") @Parameter(description = "The tag (URL-encoded).", required = true) String tag) {
        return taskOrNotFound(gallery.removeTag(currentUser.name(), id, tag));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteTask", summary = "Delete a task with its video and poster",
            description = "Removes the task, its video and poster, and the files uploaded for it that no other "
                    + "task uses. Tasks made from it stay (they lose their link to it). A task still running "
                    + "(submitting, queued, processing, downloading) cannot be deleted: the provider may still "
                    + "deliver and charge for it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The task is still running (`conflict`); delete it once it "
            + "has finished.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError"), example = "{\"error\":\"conflict\",\"message\":\"Task 42 "
                            + "is still running; it can be deleted once it has finished.\"}"))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response delete(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        try {
            return gallery.delete(currentUser.name(), List.of(id)) == 0 ? notFound() : Response.noContent().build();
        } catch (TaskBusyException e) {
            return ApiError.response(409, ApiError.CONFLICT, e.getMessage());
        }
    }

    @GET
    @Path("{id}/chain")
    @Operation(operationId = "getTaskChain", summary = "Read a task's lineage and its total cost",
            description = "The tasks it was made from (remix, extension, retry, stitch), root first, ending with "
                    + "the task.")
    @APIResponse(responseCode = "200", description = "The chain.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TaskChain")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response chain(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        return gallery.chain(currentUser.name(), id).map(chain -> Response.ok(new ChainJson(
                chain.tasks().stream().map(this::json).toList(), chain.totalCost(), chain.currency(),
                chain.complete())).build()).orElseGet(TaskApi::notFound);
    }

    @GET
    @Path("{id}/children")
    @Operation(operationId = "getTaskChildren", summary = "List the tasks made from a task")
    @APIResponse(responseCode = "200", description = "Its remixes, extensions, retries and stitched films, oldest "
            + "first.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "TaskChildren")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response children(@PathParam("id") @Parameter(description = TASK_ID, required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id) {
        if (generations.find(currentUser.name(), id).isEmpty()) {
            return notFound();
        }
        return Response.ok(new Children(gallery.children(currentUser.name(), id).stream().map(this::json)
                .toList())).build();
    }

    private Response taskOrNotFound(Optional<GenerationTask> task) {
        return task.map(t -> Response.ok(json(t)).build()).orElseGet(TaskApi::notFound);
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
        return taskOrNotFound(gallery.find(currentUser.name(), id));
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

    @Inject
    io.wanstudio.platform.ProviderMode providerMode;

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
