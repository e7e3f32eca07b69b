package io.wanstudio.provider;

/**
 * A task as the provider last reported it, in our terms.
 *
 * @param phase             where the task is
 * @param progressPercent   0–100 (0 when not reported)
 * @param etaSeconds        seconds to completion, or null when not reported
 * @param reason            the provider's explanation of a failure (empty otherwise)
 * @param videoUrl          the signed result link, once succeeded
 * @param videoUrlTtlSeconds the link's remaining lifetime in seconds, or null when not reported
 * @param seed               the seed the provider used ({@code extra.seed}), or null when not reported
 */
public record ProviderTaskStatus(Phase phase, int progressPercent, Integer etaSeconds, String reason,
        String videoUrl, Long videoUrlTtlSeconds, Long seed) {

    public enum Phase {
        QUEUED, RUNNING, SUCCEEDED, FAILED, UNKNOWN,
        /** Reported as succeeded, but without a link to its video: ask again, it may still come. */
        SUCCEEDED_WITHOUT_VIDEO
    }
}
