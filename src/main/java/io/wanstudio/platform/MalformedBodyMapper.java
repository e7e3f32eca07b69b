package io.wanstudio.platform;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body that is not valid JSON, or whose fields have the wrong type, is the client's mistake: 400 with
 * a sentence that points at the problem. The parser's own message is not passed on, since it names our classes.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {
    private static final Logger LOG = Logger.getLogger(MalformedBodyMapper.class.getName());
    /** Yasson names the property it could not fill as "... property 'name' ...". */
    private static final Pattern PROPERTY = Pattern.compile("property '([^']{1,100})'");

    @Override
    public Response toResponse(ProcessingException exception) {
        if (!causedBy(exception, JsonbException.class) && !causedBy(exception, jakarta.json.JsonException.class)) {
            LOG.log(Level.SEVERE, "Unexpected processing error in the API", exception);
            return ApiError.response(500, "internal_error", UnexpectedErrorMapper.MESSAGE);
        }
        return ApiError.response(400, ApiError.MALFORMED_JSON, describe(exception));
    }

    static String describe(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException parsing && parsing.getLocation() != null) {
                return "The request body is not valid JSON (line " + parsing.getLocation().getLineNumber()
                        + ", column " + parsing.getLocation().getColumnNumber() + ").";
            }
        }
        for (Throwable t = exception; t != null; t = t.getCause()) {
            Matcher property = t.getMessage() == null ? null : PROPERTY.matcher(t.getMessage());
            if (property != null && property.find()) {
                return "The field '" + property.group(1) + "' has the wrong type (e.g. durationSeconds and seed "
                        + "are numbers, promptExtend and watermark are true or false).";
            }
        }
        return "The request body is not a valid JSON object for this request.";
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
