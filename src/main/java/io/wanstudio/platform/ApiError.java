package io.wanstudio.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one shape of every error the JSON API answers: a stable code for programs, a sentence for people, and,
 * for a refused request, a message per field. Never a stack trace.
 *
 * @param fields null when the error is not about particular fields (then left out of the JSON)
 */
@Schema(name = "ApiError", description = "Every error answer of the API.", requiredProperties = {"error", "message"})
public record ApiError(
        @Schema(description = "Stable code for programs: `invalid_request` (400, see `fields`), `malformed_json` "
                + "(400: not JSON, or a field of the wrong type), `unauthorized` (401), `forbidden` (403: the "
                + "admin API for a caller who is not an admin), `not_found` (404), "
                + "`method_not_allowed` (405), `not_acceptable` (406), `conflict` (409: the task is still "
                + "running, or an admin's resolution was refused), `request_too_large` (413), "
                + "`unsupported_media_type` (415), "
                + "`internal_error` (500); any other status gives `http_<status>`.",
                example = "invalid_request")
        String error,
        @Schema(description = "A sentence for people (for `invalid_request`: the field messages joined by `; `).",
                example = "There is no such task.")
        String message,
        @Schema(type = SchemaType.OBJECT, additionalProperties = String.class,
                description = "Only for `invalid_request`: one message per field at fault, keyed by the "
                        + "request's field name: `firstFrame`, `lastFrame`, `firstClip`, `drivingAudio` for a media "
                        + "input however it was given, otherwise the field's own name (e.g. `durationSeconds`), "
                        + "`Idempotency-Key` for that header, the task list's parameters by name (e.g. `cursor`). An "
                        + "empty key holds a message about the request as a whole.",
                example = "{\"firstFrame\":\"The image is 239×400 px: its width is 1 px below the 240 px "
                        + "minimum.\",\"durationSeconds\":\"The duration is 20 s; it must be 2 to 15 s.\"}")
        Map<String, String> fields) {
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String FORBIDDEN = "forbidden";

    public static Response response(int status, String error, String message) {
        return response(status, new ApiError(error, message, null));
    }

    public static Response response(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
