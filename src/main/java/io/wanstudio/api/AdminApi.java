package io.wanstudio.api;

import io.wanstudio.account.AuditEvent;
import io.wanstudio.account.AuditEventType;
import io.wanstudio.account.AuditLog;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.admin.SpendReport;
import io.wanstudio.gallery.DownloadNames;
import io.wanstudio.gallery.GalleryCursor;
import io.wanstudio.gallery.GalleryPage;
import io.wanstudio.gallery.GalleryService;
import io.wanstudio.gallery.MediaResponses;
import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.Pricing;
import io.wanstudio.generation.TaskReview;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.RestApplication;
import io.wanstudio.platform.http.RangeStreaming;
import io.wanstudio.provider.ProviderHealth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin's JSON API: every user's tasks (with their videos), spend, provider health, the audit log, and the
 * resolution of tasks in NEEDS_REVIEW. Thin: the same services as the admin pages. Two checks guard it: the
 * container's constraint on {@code /api/v1/admin/*} (the token's role) and, in every method, the role of the
 * account as stored now, so that a demoted admin's token stops working at once.
 */
@Path("v1/admin")
@Tag(name = RestApplication.ADMIN_TAG, description = "For admins: every user's tasks, spend, provider health, the "
        + "audit log, and resolving tasks whose submit outcome is unknown.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminApi {
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_AUDIT_PAGE = 200;
    private static final String TASK_ID = "The task's `id` (any user's).";

    @Inject
    CurrentUser currentUser;

    @Inject
    GalleryService gallery;

    @Inject
    TaskReview review;

    @Inject
    TaskMedia media;

    @Inject
    TaskStore tasks;

    @Inject
    SpendReport spend;

    @Inject
    Pricing pricing;

    @Inject
    ProviderHealth health;

    @Inject
    ProviderMode mode;

    @Inject
    AuditLog audit;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    /** A task with whose it is. */
    @Schema(name = "AdminTask", requiredProperties = {"owner", "task"})
    public record AdminTask(@Schema(description = "The account that made the task.") String owner,
            @Schema(ref = "Task") TaskJson task) {
    }

    @Schema(name = "AdminTaskList", description = "A page of every user's tasks in the asked order.",
            requiredProperties = {"tasks"})
    public record AdminTaskList(List<AdminTask> tasks,
            @Schema(description = "Pass as `cursor` (with the same filters and sort) for the next page; left out "
                    + "on the last page.") String nextCursor) {
    }

    @Schema(name = "SpendLine", requiredProperties = {"label", "tasks", "seconds", "cost"})
    public record SpendLine(@Schema(description = "The user, the day (YYYY-MM-DD), the month (YYYY-MM) or `Total`.")
            String label,
            long tasks, @Schema(description = "Seconds of video generated.") long seconds,
            @Schema(description = "Quoted cost.") BigDecimal cost) {
        static SpendLine of(SpendReport.Line line) {
            return new SpendLine(line.label(), line.tasks(), line.seconds(), line.cost());
        }
    }

    @Schema(name = "UserDaySpend", requiredProperties = {"user", "day", "tasks", "seconds", "cost"})
    public record UserDaySpend(String user, @Schema(format = "date") String day, long tasks, long seconds,
            BigDecimal cost) {
    }

    @Schema(name = "Spend", description = "What the spend page shows for a month (UTC): per user, per day (every "
            + "day of the month), per user and day, the total, and the twelve months up to this one (oldest first). "
            + "Failed tasks that were not charged are left out.",
            requiredProperties = {"month", "currency", "byUser", "byDay", "byUserAndDay", "total", "byMonth"})
    public record Spend(@Schema(example = "2026-11") String month, @Schema(example = "USD") String currency,
            List<SpendLine> byUser, List<SpendLine> byDay, List<UserDaySpend> byUserAndDay, SpendLine total,
            List<SpendLine> byMonth) {
    }

    @Schema(name = "RecentProviderCalls", requiredProperties = {"calls", "errors", "errorRate"})
    public record Recent(@Schema(description = "Calls to the provider in the recent window.") int calls,
            int errors, @Schema(description = "errors / calls, 0 to 1.") double errorRate,
            @Schema(description = "Median latency in ms; left out when none was measured.") Long medianMillis,
            @Schema(description = "95th percentile latency in ms.") Long p95Millis) {
    }

    @Schema(name = "OldestRunningTask", requiredProperties = {"id", "owner", "state", "createdAt"})
    public record Oldest(long id, String owner, String state, Instant createdAt) {
    }

    @Schema(name = "AdminHealth", description = "What the provider health page shows; never the API key.",
            requiredProperties = {"provider", "simulated", "health", "recent", "errorsByKind", "tasksByState",
                "needsReview"})
    public record Health(@Schema(description = "Which provider and where, in words.") String provider,
            boolean simulated, ProviderHealth.Snapshot health, Recent recent,
            @Schema(description = "Provider errors since the start, by kind.") Map<String, Long> errorsByKind,
            @Schema(description = "How many tasks are in each state.") Map<String, Long> tasksByState,
            long needsReview, @Schema(description = "Left out when nothing is running.") Oldest oldestRunning) {
    }

    @Schema(name = "AuditEntry", requiredProperties = {"id", "at", "user", "type", "detail"})
    public record AuditEntry(long id, Instant at, String user, String type, String detail, String clientAddress) {
    }

    @Schema(name = "AuditPage", requiredProperties = {"events"})
    public record AuditPage(List<AuditEntry> events, @Schema(description = "Pass as `before` for older events; "
            + "left out on the last page.") Long nextBefore) {
    }

    /** What to do with a task in NEEDS_REVIEW. */
    @Schema(name = "Resolution", requiredProperties = {"action"})
    public record Resolution(
            @Schema(description = "`attach`: the provider did create the task, here is its id (it is then polled "
                    + "and completes); `fail`: it created nothing, the task fails and costs nothing; `resubmit`: "
                    + "send the same request again as a new task (may be charged twice).",
                    enumeration = {"attach", "fail", "resubmit"}) String action,
            @Schema(description = "For `attach`: the task id as the provider's console shows it.")
            String providerTaskId,
            @Schema(description = "For `resubmit`: must be `true`.") Boolean confirmMayBeChargedTwice) {
    }

    @GET
    @Path("tasks")
    @Operation(operationId = "adminListTasks", summary = "List every user's tasks",
            description = "Like `GET /api/v1/tasks` (the same filters, sort and cursor), for all users or the one "
                    + "given as `user`.")
    @APIResponse(responseCode = "200", description = "A page of tasks.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminTaskList")))
    @APIResponse(responseCode = "400", description = "A parameter is not valid (`invalid_request`).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response listTasks(
            @QueryParam("user") @Parameter(description = "Only this user's tasks.") String user,
            @QueryParam("state") @Parameter(description = "As for `GET /api/v1/tasks`.", schema = @Schema(
                    type = SchemaType.ARRAY, implementation = String.class)) List<String> state,
            @QueryParam("mode") @Parameter(description = "As for `GET /api/v1/tasks`.") String mode,
            @QueryParam("resolution") @Parameter(description = "`720P` or `1080P`.") String resolution,
            @QueryParam("from") @Parameter(description = "First day (UTC), YYYY-MM-DD.") String from,
            @QueryParam("to") @Parameter(description = "Last day (UTC), YYYY-MM-DD.") String to,
            @QueryParam("q") @Parameter(description = "Text in the prompt or negative prompt.") String q,
            @QueryParam("sort") @Parameter(description = "As for `GET /api/v1/tasks`.") String sort,
            @QueryParam("cursor") @Parameter(description = "The `nextCursor` of the page before.") String cursor,
            @QueryParam("limit") @Parameter(description = "Most tasks in the page.", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "" + GalleryService.MAX_PAGE, defaultValue = "" + DEFAULT_PAGE)) String limit)
            throws InvalidRequestException {
        if (!isAdmin()) {
            return forbidden();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        // favourites and tags are each owner's own: not filters of the team's list
        var query = TaskApi.query(state, mode, resolution, from, to, null, null, q, sort, cursor, errors);
        int size = TaskApi.given(limit) ? TaskApi.pageParameter("limit", limit, 1, GalleryService.MAX_PAGE, errors)
                : DEFAULT_PAGE;
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        GalleryPage page;
        try {
            page = gallery.teamPage(currentUser.name(), user, query, size);
        } catch (GalleryCursor.InvalidCursorException e) {
            throw new InvalidRequestException(Map.of("cursor", e.getMessage()));
        }
        return Response.ok(new AdminTaskList(page.items().stream().map(this::json).toList(), page.nextCursor()))
                .build();
    }

    @GET
    @Path("tasks/{id}")
    @Operation(operationId = "adminGetTask", summary = "Read any user's task")
    @APIResponse(responseCode = "200", description = "The task.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminTask")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response task(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id) {
        if (!isAdmin()) {
            return forbidden();
        }
        return gallery.findForAdmin(currentUser.name(), id).map(t -> Response.ok(json(t)).build())
                .orElseGet(AdminApi::notFound);
    }

    @GET
    @Path("tasks/{id}/video")
    @Produces({"video/mp4", MediaType.APPLICATION_JSON})
    @Operation(operationId = "adminGetTaskVideo", summary = "Download any user's finished video (MP4)",
            description = "As `GET /api/v1/tasks/{id}/video`, with byte ranges.")
    @APIResponse(responseCode = "200", description = "The video.", content = @Content(mediaType = "video/mp4",
            schema = @Schema(ref = RestApplication.VIDEO_FILE)))
    @APIResponse(responseCode = "206", description = "The asked byte range.", content = @Content(
            mediaType = "video/mp4", schema = @Schema(ref = RestApplication.VIDEO_FILE)))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response video(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id,
            @HeaderParam("Range") @Parameter(description = "One byte range, e.g. `bytes=0-`.") String range,
            @HeaderParam("If-Range") @Parameter(description = "The `ETag` the range belongs to.") String ifRange,
            @HeaderParam("If-None-Match") @Parameter(description = "An `ETag` you have.") String ifNoneMatch)
            throws IOException {
        return file(id, TaskMedia.Kind.VIDEO, new RangeStreaming.Conditions(range, ifRange, ifNoneMatch));
    }

    @GET
    @Path("tasks/{id}/poster")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(operationId = "adminGetTaskPoster", summary = "Download any user's poster frame (JPEG)")
    @APIResponse(responseCode = "200", description = "The poster.", content = @Content(mediaType = "image/jpeg",
            schema = @Schema(ref = RestApplication.POSTER_FILE)))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response poster(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id,
            @HeaderParam("If-None-Match") @Parameter(description = "An `ETag` you have.") String ifNoneMatch)
            throws IOException {
        return file(id, TaskMedia.Kind.POSTER, new RangeStreaming.Conditions(null, null, ifNoneMatch));
    }

    @POST
    @Path("tasks/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminResolveTask", summary = "Resolve a task in NEEDS_REVIEW",
            description = "The same rules and audit as the task page: attach the provider's task id (the task is "
                    + "then polled and completes), mark it failed (not charged), or resubmit it as a new task "
                    + "(only with `confirmMayBeChargedTwice: true`). Of two admins resolving the same task at once, "
                    + "one wins; the other gets 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "Resolution")))
    @APIResponse(responseCode = "200", description = "Resolved (`attach`, `fail`): the task as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminTask")))
    @APIResponse(responseCode = "201", description = "Resubmitted: the new task.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminTask")))
    @APIResponse(responseCode = "400", description = "`invalid_request`: no or an unknown `action`, a malformed "
            + "`providerTaskId`, or a resubmit without the confirmation.", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`conflict`: the task does not (or no longer) need review, "
            + "e.g. another admin resolved it meanwhile, or its request cannot be sent again.", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError"),
                    example = "{\"error\":\"conflict\",\"message\":\"Task #42 was already resolved by ann "
                            + "meanwhile; the page shows its current state.\"}"))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response resolve(@PathParam("id") @Parameter(description = TASK_ID, required = true, schema = @Schema(
            type = SchemaType.INTEGER, format = "int64")) long id, Resolution resolution)
            throws InvalidRequestException {
        if (!isAdmin()) {
            return forbidden();
        }
        String action = resolution == null || resolution.action() == null ? ""
                : resolution.action().strip().toLowerCase(Locale.ROOT);
        String admin = currentUser.name();
        String address = request.getRemoteAddr();
        try {
            return switch (action) {
                case "attach" -> Response.ok(json(review.attachProviderTaskId(admin, address, id,
                        resolution.providerTaskId()))).build();
                case "fail" -> Response.ok(json(review.markFailed(admin, address, id))).build();
                case "resubmit" -> {
                    GenerationTask retry = review.resubmit(admin, address, id,
                            Boolean.TRUE.equals(resolution.confirmMayBeChargedTwice()));
                    yield Response.created(selfUri(retry)).entity(json(retry)).build();
                }
                default -> throw new InvalidRequestException(Map.of("action", "Use attach, fail or resubmit."));
            };
        } catch (TaskReview.RefusedException e) {
            return switch (e.reason()) {
                case NO_SUCH_TASK -> notFound();
                case INVALID -> ApiError.response(400, new ApiError(ApiError.INVALID_REQUEST, e.getMessage(),
                        Map.of("resubmit".equals(action) ? "confirmMayBeChargedTwice" : "providerTaskId",
                                e.getMessage())));
                case CONFLICT -> ApiError.response(409, ApiError.CONFLICT, e.getMessage());
            };
        }
    }

    @GET
    @Path("spend")
    @Operation(operationId = "adminGetSpend", summary = "Spend of a month per user and per day")
    @APIResponse(responseCode = "200", description = "The month's spend.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Spend")))
    @APIResponse(responseCode = "400", description = "`month` is not YYYY-MM (`invalid_request`).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response spend(@QueryParam("month") @Parameter(description = "The month (UTC); the current one when "
            + "left out.", example = "2026-11") String month) throws InvalidRequestException {
        if (!isAdmin()) {
            return forbidden();
        }
        YearMonth chosen = month(month);
        var days = spend.days(chosen);
        return Response.ok(new Spend(chosen.toString(), pricing.currency(),
                spend.byUser(days).stream().map(SpendLine::of).toList(),
                spend.byDay(chosen, days).stream().map(SpendLine::of).toList(),
                days.stream().map(d -> new UserDaySpend(d.owner(), d.day().toString(), d.tasks(), d.seconds(),
                        d.cost())).toList(),
                SpendLine.of(spend.total(days)),
                spend.byMonth(chosen, SpendReport.MONTHS).stream().map(SpendLine::of).toList())).build();
    }

    @GET
    @Path("health")
    @Operation(operationId = "adminGetHealth", summary = "Provider health and the tasks' queue",
            description = "What the provider health page shows: which provider, the breaker, the recent error rate "
                    + "and latency, the last error (a summary, never a secret), errors by kind, tasks per state, "
                    + "the oldest running task.")
    @APIResponse(responseCode = "200", description = "The health.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminHealth")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response health() {
        if (!isAdmin()) {
            return forbidden();
        }
        Instant now = Instant.now();
        ProviderHealth.Recent recent = health.recent(now);
        Map<TaskState, Long> counts = tasks.countsByState();
        Map<String, Long> byState = new LinkedHashMap<>();
        Arrays.stream(TaskState.values()).forEach(s -> byState.put(s.name(), counts.getOrDefault(s, 0L)));
        Oldest oldest = tasks.oldestRunning().map(t -> new Oldest(t.getId(), t.getOwner(), t.getState().name(),
                t.getCreatedAt())).orElse(null);
        return Response.ok(new Health(mode.describe(), !mode.usesRealKey(), health.snapshot(now),
                new Recent(recent.calls(), recent.errors(), recent.errorRate(), recent.medianMillis(),
                        recent.p95Millis()),
                health.errorsByKind(), byState, counts.getOrDefault(TaskState.NEEDS_REVIEW, 0L), oldest)).build();
    }

    @GET
    @Path("audit")
    @Operation(operationId = "adminSearchAudit", summary = "Search the audit log, newest first")
    @APIResponse(responseCode = "200", description = "A page of events.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditPage")))
    @APIResponse(responseCode = "400", description = "A parameter is not valid (`invalid_request`).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response auditLog(@QueryParam("user") @Parameter(description = "Only this user's events.") String user,
            @QueryParam("type") @Parameter(description = "Only events of this type, e.g. `TASK_MARKED_FAILED`.")
            String type,
            @QueryParam("before") @Parameter(description = "The `nextBefore` of the page before.", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int64")) String before,
            @QueryParam("limit") @Parameter(description = "Most events in the page.", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "" + MAX_AUDIT_PAGE,
                    defaultValue = "50")) String limit) throws InvalidRequestException {
        if (!isAdmin()) {
            return forbidden();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        AuditEventType chosenType = null;
        if (TaskApi.given(type)) {
            try {
                chosenType = AuditEventType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("type", "Use one of " + Arrays.toString(AuditEventType.values()) + ".");
            }
        }
        Long beforeId = null;
        if (TaskApi.given(before)) {
            try {
                beforeId = Long.parseLong(before.strip());
            } catch (NumberFormatException e) {
                errors.put("before", "Use the nextBefore of the page before.");
            }
        }
        int size = TaskApi.given(limit) ? TaskApi.pageParameter("limit", limit, 1, MAX_AUDIT_PAGE, errors) : 50;
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String who = TaskApi.given(user) ? user.strip().toLowerCase(Locale.ROOT) : null;
        List<AuditEvent> events = audit.search(who, chosenType, null, null, beforeId, size + 1);
        Long next = events.size() > size ? events.get(size - 1).getId() : null;
        return Response.ok(new AuditPage(events.stream().limit(size).map(e -> new AuditEntry(e.getId(), e.getAt(),
                e.getUsername(), e.getType().name(), e.getDetail(), e.getClientAddress())).toList(), next)).build();
    }

    private Response file(long id, TaskMedia.Kind kind, RangeStreaming.Conditions conditions) throws IOException {
        if (!isAdmin()) {
            return forbidden();
        }
        Optional<GenerationTask> task = gallery.findForAdmin(currentUser.name(), id)
                .filter(t -> t.getState() == TaskState.COMPLETED);
        var file = task.flatMap(t -> media.file(t, kind));
        return file.isEmpty() ? notFound() : MediaResponses.of(file.get(), kind, conditions,
                kind == TaskMedia.Kind.VIDEO ? DownloadNames.of(task.get()) : null);
    }

    /** The role as stored now: the token's role was checked by the container, but an admin may be demoted since. */
    private boolean isAdmin() {
        return review.isAdmin(currentUser.name());
    }

    private AdminTask json(GenerationTask task) {
        return new AdminTask(task.getOwner(), TaskJson.of(task, selfUri(task).toString()));
    }

    private java.net.URI selfUri(GenerationTask task) {
        return uriInfo.getBaseUriBuilder().path(AdminApi.class).path("tasks").path(Long.toString(task.getId()))
                .build();
    }

    /** The {@code month} parameter (YYYY-MM); the current month (UTC) when left out. */
    static YearMonth month(String month) throws InvalidRequestException {
        try {
            return TaskApi.given(month) ? YearMonth.parse(month.strip()) : YearMonth.now(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(Map.of("month", "Give a month as YYYY-MM."));
        }
    }

    static Response forbidden() {
        return ApiError.response(403, ApiError.FORBIDDEN, "This needs an admin account.");
    }

    private static Response notFound() {
        return ApiError.response(404, ApiError.NOT_FOUND, "There is no such task.");
    }
}
