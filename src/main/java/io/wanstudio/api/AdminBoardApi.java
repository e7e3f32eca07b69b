package io.wanstudio.api;

import io.wanstudio.account.AccountStore;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.board.ApprovalCosts;
import io.wanstudio.board.BoardRefusedException;
import io.wanstudio.board.BoardStore;
import io.wanstudio.board.ReviewBoard;
import io.wanstudio.board.Verdict;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.platform.ApiError;
import io.wanstudio.platform.RestApplication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The team's review board for admins: the entries with their tasks, a verdict on one, and what an approved second
 * cost. The same rules and audit as the board page ({@link ReviewBoard}); guarded like {@link AdminApi}.
 */
@Path("v1/admin/board")
@Tag(name = RestApplication.ADMIN_TAG)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminBoardApi {
    private static final int MAX_PAGE = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccountStore accounts;

    @Inject
    ReviewBoard board;

    @Inject
    BoardStore entries;

    @Inject
    ApprovalCosts costs;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @Schema(name = "BoardItem", requiredProperties = {"entry", "task"})
    public record BoardItem(@Schema(ref = "BoardEntry") BoardEntryJson entry, @Schema(ref = "AdminTask")
            AdminApi.AdminTask task) {
    }

    @Schema(name = "BoardList", requiredProperties = "items")
    public record BoardList(List<BoardItem> items) {
    }

    @Schema(name = "Verdict", requiredProperties = "verdict")
    public record VerdictRequest(
            @Schema(enumeration = {"APPROVED", "REJECTED"}) String verdict,
            @Schema(description = "Why; required for a rejection (at most 1000 characters).") String comment,
            @Schema(description = "The entry's `version` you decided on; left out: whatever it is now.") Long version) {
    }

    @Schema(name = "ApprovalCost", description = "Spend of the tasks made in a month (or by a user in it) and the "
            + "seconds of them approved on the board.")
    public record CostLine(String label, long seconds, BigDecimal spent, long awaiting, long approved,
            long rejected, long approvedSeconds,
            @Schema(description = "`spent` / `approvedSeconds`; left out when nothing was approved.")
            BigDecimal perApprovedSecond) {
        static CostLine of(ApprovalCosts.Line l) {
            return new CostLine(l.label(), l.seconds(), l.spent(), l.awaiting(), l.approved(), l.rejected(),
                    l.approvedSeconds(), l.perApprovedSecond());
        }
    }

    @Schema(name = "ApprovalCosts", requiredProperties = {"month", "byUser", "userTotal", "byMonth"})
    public record Costs(String month, List<CostLine> byUser, CostLine userTotal,
            @Schema(description = "The team, the 12 months up to `month`, newest first.") List<CostLine> byMonth) {
    }

    @GET
    @Operation(operationId = "adminListBoard", summary = "The review board's entries, newest first")
    @APIResponse(responseCode = "200", description = "The entries with their tasks.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BoardList")))
    @APIResponse(responseCode = "400", description = "`invalid_request`: an unknown verdict or limit.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response list(
            @QueryParam("verdict") @Parameter(description = "`SHORTLISTED`, `APPROVED` or `REJECTED`; all when "
                    + "left out.") String verdict,
            @QueryParam("user") @Parameter(description = "Only this user's entries.") String user,
            @QueryParam("limit") @Parameter(description = "At most this many (1–200, default 50).") String limit)
            throws InvalidRequestException {
        if (!accounts.isActiveAdmin(currentUser.name())) {
            return AdminApi.forbidden();
        }
        Map<String, String> errors = new HashMap<>();
        Verdict chosen = TaskApi.given(verdict) ? verdictOf(verdict) : null;
        if (TaskApi.given(verdict) && chosen == null) {
            errors.put("verdict", "Use SHORTLISTED, APPROVED or REJECTED.");
        }
        int size = TaskApi.given(limit) ? TaskApi.pageParameter("limit", limit, 1, MAX_PAGE, errors) : 50;
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String owner = TaskApi.given(user) ? user.strip().toLowerCase(Locale.ROOT) : null;
        return Response.ok(new BoardList(entries.list(chosen, owner, size).stream().map(i -> new BoardItem(
                BoardEntryJson.of(i.entry()), new AdminApi.AdminTask(i.task().getOwner(), TaskJson.of(i.task(),
                        uriInfo.getBaseUriBuilder().path(AdminApi.class).path("tasks")
                                .path(Long.toString(i.task().getId())).build().toString())))).toList())).build();
    }

    @PUT
    @Path("{id}/verdict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminDecide", summary = "Approve or reject an entry of the board",
            description = "Replaces an earlier verdict. With `version`, a verdict on an entry another admin changed "
                    + "since is refused (409) with what they decided.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "Verdict")))
    @APIResponse(responseCode = "200", description = "The entry as it is now.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BoardEntry")))
    @APIResponse(responseCode = "400", description = "`invalid_request`: no or an unknown verdict, a rejection "
            + "without a comment, a comment too long.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = RestApplication.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`conflict`: another admin changed the entry since `version`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response decide(@PathParam("id") @Parameter(description = "The task's `id`.", required = true,
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) long id, VerdictRequest body)
            throws InvalidRequestException {
        if (!accounts.isActiveAdmin(currentUser.name())) {
            return AdminApi.forbidden();
        }
        Verdict verdict = body == null || !TaskApi.given(body.verdict()) ? null : verdictOf(body.verdict());
        if (verdict == null || verdict == Verdict.SHORTLISTED) {
            throw new InvalidRequestException(Map.of("verdict", "Use APPROVED or REJECTED."));
        }
        try {
            return Response.ok(BoardEntryJson.of(board.decide(currentUser.name(), request.getRemoteAddr(), id,
                    verdict, body.comment(), body.version()))).build();
        } catch (BoardRefusedException e) {
            return BoardEntryJson.refused(e);
        }
    }

    @GET
    @Path("costs")
    @Operation(operationId = "adminApprovalCosts", summary = "What an approved second cost, per user and per month")
    @APIResponse(responseCode = "200", description = "The month's lines per user and the team's months.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApprovalCosts")))
    @APIResponse(responseCode = "400", description = "`month` is not YYYY-MM (`invalid_request`).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = RestApplication.FORBIDDEN)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public Response costs(@QueryParam("month") @Parameter(description = "The month (UTC); the current one when "
            + "left out.", example = "2026-11") String month) throws InvalidRequestException {
        if (!accounts.isActiveAdmin(currentUser.name())) {
            return AdminApi.forbidden();
        }
        YearMonth chosen = AdminApi.month(month);
        ApprovalCosts.Report users = costs.byUser(chosen);
        return Response.ok(new Costs(chosen.toString(), users.lines().stream().map(CostLine::of).toList(),
                CostLine.of(users.total()), costs.byMonth(chosen, 12).lines().stream().map(CostLine::of).toList()))
                .build();
    }

    /** The verdict named, or null. */
    private static Verdict verdictOf(String given) {
        try {
            return Verdict.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
