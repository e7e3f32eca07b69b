package io.wanstudio.generation;

/**
 * What a user asked for, as stored with the task. A media reference is either a user's http(s) URL or
 * {@code upload:<token>} for a file uploaded to us (see {@link io.wanstudio.media.UploadStore}).
 */
public record TaskInputs(String firstFrame, String lastFrame, String firstClip, String drivingAudio, String prompt,
        String negativePrompt, int durationSeconds, String resolution, boolean promptExtend, boolean watermark,
        Long seed) {
}
