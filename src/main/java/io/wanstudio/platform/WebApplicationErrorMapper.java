package io.wanstudio.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the runtime's own HTTP errors (no such resource, wrong method, wrong content type...) the API's JSON
 * shape instead of an HTML page, keeping their status and headers such as {@code Allow}.
 */
@Provider
public class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        var body = new ApiError(code(status), emptyBody(exception) ? "The request has no body; send the task as a "
                + "JSON object." : message(status), null);
        return Response.fromResponse(original).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean emptyBody(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof NoContentException) {
                return true;
            }
        }
        return false;
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> ApiError.INVALID_REQUEST;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "The request could not be read.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept this HTTP method.";
            case 406 -> "This address answers JSON (application/json) only.";
            case 415 -> "Send JSON (application/json) or, with files, a multipart form (multipart/form-data).";
            default -> status >= 500 ? "Something went wrong on our side." : "The request was refused.";
        };
    }
}
