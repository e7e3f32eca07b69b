package io.wanstudio.api;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.MediaSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task request as the JSON API takes it (also filled from a multipart form's text fields). Each input is a URL
 * ({@code ...Url}) or the token of a file uploaded before ({@code ...Upload}). Null means "not given".
 */
public record TaskSubmission(String firstFrameUrl, String firstFrameUpload, String lastFrameUrl,
        String lastFrameUpload, String firstClipUrl, String firstClipUpload, String drivingAudioUrl,
        String drivingAudioUpload, String prompt, String negativePrompt, Integer durationSeconds, String resolution,
        Boolean promptExtend, Boolean watermark, Long seed) {

    /**
     * Reads a form's text fields; a value that does not parse is reported against its field, with the other
     * fields' problems.
     */
    static TaskSubmission fromForm(Map<String, String> text) throws InvalidRequestException {
        Map<String, String> errors = new LinkedHashMap<>();
        var submission = new TaskSubmission(text.get("firstFrameUrl"), text.get("firstFrameUpload"),
                text.get("lastFrameUrl"), text.get("lastFrameUpload"), text.get("firstClipUrl"),
                text.get("firstClipUpload"), text.get("drivingAudioUrl"), text.get("drivingAudioUpload"),
                text.get(GenerationRequest.PROMPT), text.get(GenerationRequest.NEGATIVE_PROMPT),
                integer(text, GenerationRequest.DURATION, errors), blankToNull(text.get(GenerationRequest.RESOLUTION)),
                bool(text, "promptExtend", errors), bool(text, "watermark", errors),
                number(text, GenerationRequest.SEED, errors));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return submission;
    }

    /** With the tokens of files uploaded in the same request (keyed by field), which win over {@code ...Upload}. */
    GenerationRequest toRequest(Map<String, String> uploadedTokens, String idempotencyKey) {
        return new GenerationRequest(
                source(firstFrameUrl, uploadedTokens.getOrDefault(GenerationRequest.FIRST_FRAME, firstFrameUpload)),
                source(lastFrameUrl, uploadedTokens.getOrDefault(GenerationRequest.LAST_FRAME, lastFrameUpload)),
                source(firstClipUrl, uploadedTokens.getOrDefault(GenerationRequest.FIRST_CLIP, firstClipUpload)),
                source(drivingAudioUrl,
                        uploadedTokens.getOrDefault(GenerationRequest.DRIVING_AUDIO, drivingAudioUpload)),
                prompt, negativePrompt, durationSeconds, resolution, promptExtend, watermark, seed, idempotencyKey);
    }

    GenerationRequest toRequest(String idempotencyKey) {
        return toRequest(Map.of(), idempotencyKey);
    }

    private static MediaSource source(String url, String uploadToken) {
        var source = new MediaSource(blankToNull(url), blankToNull(uploadToken));
        return source.isEmpty() ? null : source;
    }

    private static Integer integer(Map<String, String> text, String field, Map<String, String> errors) {
        Long value = number(text, field, errors);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            errors.put(field, "Give a whole number.");
            return null;
        }
        return value == null ? null : value.intValue();
    }

    private static Long number(Map<String, String> text, String field, Map<String, String> errors) {
        String value = blankToNull(text.get(field));
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "Give a whole number.");
            return null;
        }
    }

    private static Boolean bool(Map<String, String> text, String field, Map<String, String> errors) {
        String value = blankToNull(text.get(field));
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> {
                errors.put(field, "Give true or false.");
                yield null;
            }
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
