package io.wanstudio.generation;

/**
 * A user's request for a video, as the page or the API took it. Null means "not given" (the provider's default
 * applies for duration, resolution, prompt extension and watermark).
 *
 * @param clientRequestId optional key making the submit idempotent for this user: the same key again returns
 *                        the task already made instead of paying twice (a double click, a client's retry)
 */
public record GenerationRequest(MediaSource firstFrame, MediaSource lastFrame, MediaSource firstClip,
        MediaSource drivingAudio, String prompt, String negativePrompt, Integer durationSeconds, String resolution,
        Boolean promptExtend, Boolean watermark, Long seed, String clientRequestId) {

    /** Field names as forms and the API use them; error messages are keyed by these. */
    public static final String FIRST_FRAME = "firstFrame";
    public static final String LAST_FRAME = "lastFrame";
    public static final String FIRST_CLIP = "firstClip";
    public static final String DRIVING_AUDIO = "drivingAudio";
    public static final String PROMPT = "prompt";
    public static final String NEGATIVE_PROMPT = "negativePrompt";
    public static final String DURATION = "durationSeconds";
    public static final String RESOLUTION = "resolution";
    public static final String SEED = "seed";
}
