package io.wanstudio.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The one shape of every error the JSON API answers: a stable code for programs, a sentence for people, and,
 * for a refused request, a message per field. Never a stack trace.
 *
 * @param fields null when the error is not about particular fields (then left out of the JSON)
 */
public record ApiError(String error, String message, Map<String, String> fields) {
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String NOT_FOUND = "not_found";

    public static Response response(int status, String error, String message) {
        return response(status, new ApiError(error, message, null));
    }

    public static Response response(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
