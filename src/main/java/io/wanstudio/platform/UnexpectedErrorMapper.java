package io.wanstudio.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line of the API: a bug answers 500 in the API's JSON shape with a reference to the log line, never a stack
 * trace or an HTML page.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    static final String MESSAGE = "Something went wrong on our side; it has been logged.";
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "API request failed [ref " + reference + "]", exception);
        return ApiError.response(500, "internal_error", MESSAGE + " (reference " + reference + ")");
    }
}
