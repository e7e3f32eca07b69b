package io.wanstudio.api;

import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.platform.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused task request: 400 with one message per field, so that a client can show each next to its input. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException exception) {
        return ApiError.response(400, new ApiError(ApiError.INVALID_REQUEST, exception.getMessage(),
                exception.fieldErrors()));
    }
}
