package io.wanstudio.generation;

import java.util.Map;

/**
 * A request refused before anything was paid for. {@link #fieldErrors()} maps each field (names in
 * {@link GenerationRequest}) to a message for the user; an empty key holds a message about the whole request.
 */
public class InvalidRequestException extends Exception {
    private final Map<String, String> fieldErrors;

    public InvalidRequestException(Map<String, String> fieldErrors) {
        super(String.join("; ", fieldErrors.values()));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
