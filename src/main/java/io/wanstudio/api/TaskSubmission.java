package io.wanstudio.api;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.provider.NovitaInputRules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task request as the JSON API takes it (also filled from a multipart form's text fields). Each input is a URL
 * ({@code ...Url}) or the token of a file uploaded before ({@code ...Upload}). Null means "not given".
 *
 * <p>The OpenAPI annotations take their limits from {@link NovitaInputRules}, so the document cannot drift from
 * what the validator enforces.
 */
@Schema(name = "TaskSubmission", description = "A task as JSON. Give each input as a URL (`…Url`) or as the "
        + "token of a file this account uploaded before (`…Upload`), never both for one input. "
        + TaskSubmission.COMBINATIONS)
public record TaskSubmission(
        @Schema(description = "First frame, as an http(s) URL. " + TaskSubmission.IMAGE_RULES + " "
                + TaskSubmission.URL_NOTE, format = "uri", example = "https://example.com/first.png")
        String firstFrameUrl,
        @Schema(description = TaskSubmission.UPLOAD_NOTE)
        String firstFrameUpload,
        @Schema(description = "Last frame, as an http(s) URL; with a first frame or a first clip. "
                + TaskSubmission.IMAGE_RULES + " " + TaskSubmission.URL_NOTE, format = "uri")
        String lastFrameUrl,
        @Schema(description = TaskSubmission.UPLOAD_NOTE)
        String lastFrameUpload,
        @Schema(description = "First clip to continue (video continuation), as an http(s) URL; instead of a first "
                + "frame. " + TaskSubmission.CLIP_RULES + " " + TaskSubmission.URL_NOTE, format = "uri")
        String firstClipUrl,
        @Schema(description = TaskSubmission.UPLOAD_NOTE)
        String firstClipUpload,
        @Schema(description = "Driving audio (lip sync, motion beats), as an http(s) URL; only with a first "
                + "frame. Without it the model makes matching sound itself. " + TaskSubmission.AUDIO_RULES + " "
                + TaskSubmission.URL_NOTE, format = "uri")
        String drivingAudioUrl,
        @Schema(description = TaskSubmission.UPLOAD_NOTE)
        String drivingAudioUpload,
        @Schema(description = "What should happen in the video, Chinese or English. At most "
                + NovitaInputRules.PROMPT_MAX_CHARS + " characters, counted as Unicode code points.",
                maxLength = NovitaInputRules.PROMPT_MAX_CHARS, example = "The lanterns sway in the evening wind")
        String prompt,
        @Schema(description = "What the video should avoid. At most " + NovitaInputRules.NEGATIVE_PROMPT_MAX_CHARS
                + " characters, counted as Unicode code points.",
                maxLength = NovitaInputRules.NEGATIVE_PROMPT_MAX_CHARS)
        String negativePrompt,
        @Schema(description = "Length of the video in seconds; billed per second.", type = SchemaType.INTEGER,
                format = "int32", minimum = "" + NovitaInputRules.MIN_DURATION,
                maximum = "" + NovitaInputRules.MAX_DURATION, defaultValue = "" + NovitaInputRules.DEFAULT_DURATION,
                example = "5")
        Integer durationSeconds,
        @Schema(description = "Output resolution; changes the price. The aspect ratio follows the input.",
                type = SchemaType.STRING, enumeration = {"720P", "1080P"},
                defaultValue = NovitaInputRules.DEFAULT_RESOLUTION, example = "720P")
        String resolution,
        @Schema(description = "Let the provider rewrite the prompt with an LLM (better for short prompts, slower).",
                defaultValue = "true")
        Boolean promptExtend,
        @Schema(description = "Put a watermark in the bottom-right corner.", defaultValue = "false")
        Boolean watermark,
        @Schema(description = "Seed, for reproducible results.", type = SchemaType.INTEGER, format = "int64",
                minimum = "0", maximum = "" + NovitaInputRules.SEED_MAX, example = "42")
        Long seed,
        @Schema(type = SchemaType.INTEGER, format = "int64", description = "Optional: the `id` of one of your tasks "
                + "this one is made from (with `lineage`); the task then shows it as its parent and belongs to its "
                + "chain. Another account's task or one that no longer exists is not linked.", example = "41")
        Long parentTaskId,
        @Schema(enumeration = {"REMIX", "EXTEND", "RETRY"}, description = "How this task is made from "
                + "`parentTaskId`: `REMIX` (the same inputs, perhaps changed), `EXTEND` (its video continued as the "
                + "first clip), `RETRY` (a failed task sent again). Required with `parentTaskId`.")
        String lineage) {

    /** Documentation of the rules, shared by the JSON and the multipart form schema. */
    static final String COMBINATIONS = "Accepted inputs: exactly one of a first frame or a first clip. With a "
            + "first frame: optionally a last frame and/or driving audio. With a first clip: optionally a last "
            + "frame, no driving audio. That is: first frame; first frame + last frame; first frame + driving "
            + "audio; first frame + last frame + driving audio; first clip; first clip + last frame.";
    static final String IMAGE_RULES = "JPEG, PNG (without transparency), BMP or WEBP; width and height each 240 to "
            + "8000 px; aspect ratio between 1:8 and 8:1; at most 20 MB.";
    static final String CLIP_RULES = "MP4 or MOV; 2 to 10 s long; width and height each 240 to 4096 px; aspect "
            + "ratio between 1:8 and 8:1; at most 100 MB.";
    static final String PARENT_TASK_ID = "parentTaskId";
    static final String LINEAGE = "lineage";
    static final String AUDIO_RULES = "WAV or MP3; 2 to 30 s long; at most 15 MB.";
    static final String URL_NOTE = "The studio fetches it to check it (addresses on private or local networks are "
            + "refused unless the admin allowed them), then the provider fetches it too.";
    static final String UPLOAD_NOTE = "Token of a file this account uploaded to the studio before, instead of "
            + "the URL. The API hands out no upload tokens (the studio's page uses them); to send a file, use the "
            + "multipart form.";

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
                number(text, GenerationRequest.SEED, errors), number(text, PARENT_TASK_ID, errors),
                blankToNull(text.get(LINEAGE)));
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

    /**
     * The task this one is made from, if the submission names one.
     *
     * @throws InvalidRequestException only one of the two fields is given, or the lineage is not one a client may
     *                                 give
     */
    Lineage.Origin origin() throws InvalidRequestException {
        if (parentTaskId == null && lineage == null) {
            return null;
        }
        if (parentTaskId == null) {
            throw new InvalidRequestException(Map.of(PARENT_TASK_ID, "Give the task this one is made from."));
        }
        Lineage how = lineage == null ? null : switch (lineage.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "REMIX" -> Lineage.REMIX;
            case "EXTEND" -> Lineage.EXTEND;
            case "RETRY" -> Lineage.RETRY;
            default -> null;
        };
        if (how == null) {
            throw new InvalidRequestException(Map.of(LINEAGE, "Give REMIX, EXTEND or RETRY."));
        }
        return new Lineage.Origin(parentTaskId, how);
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
