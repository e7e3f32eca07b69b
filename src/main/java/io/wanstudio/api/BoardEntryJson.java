package io.wanstudio.api;

import io.wanstudio.board.BoardEntry;
import io.wanstudio.board.BoardRefusedException;
import io.wanstudio.platform.ApiError;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task's entry on the team's review board, as the API shows it. */
@Schema(name = "BoardEntry", requiredProperties = {"taskId", "owner", "verdict", "shortlistedBy", "shortlistedAt",
        "version"})
public record BoardEntryJson(
        long taskId,
        String owner,
        @Schema(description = "`SHORTLISTED` (awaiting a verdict), `APPROVED` or `REJECTED`.",
                enumeration = {"SHORTLISTED", "APPROVED", "REJECTED"}) String verdict,
        String shortlistedBy,
        Instant shortlistedAt,
        String decidedBy,
        Instant decidedAt,
        @Schema(description = "The admin's comment with the verdict.") String comment,
        @Schema(description = "Pass it back with a verdict: if the entry changed since, the verdict is refused "
                + "(409) instead of overwriting another admin's.") long version) {

    static BoardEntryJson of(BoardEntry e) {
        return new BoardEntryJson(e.getTaskId(), e.getOwner(), e.getVerdict().name(), e.getShortlistedBy(),
                e.getShortlistedAt(), e.getDecidedBy(), e.getDecidedAt(), e.getComment(), e.getVersion());
    }

    /** 404, 400 or 409 with the refusal's message. */
    static Response refused(BoardRefusedException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ApiError.response(404, ApiError.NOT_FOUND, e.getMessage());
            case INVALID -> ApiError.response(400, ApiError.INVALID_REQUEST, e.getMessage());
            case CONFLICT -> ApiError.response(409, ApiError.CONFLICT, e.getMessage());
        };
    }
}
