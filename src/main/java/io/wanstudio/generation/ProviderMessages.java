package io.wanstudio.generation;

import io.wanstudio.provider.ProviderException;

/** What users read when the provider refuses or fails them: plain language, the provider's words kept where useful. */
public final class ProviderMessages {
    public static final String NOT_CONFIGURED = "The video service is not configured correctly (the provider refused "
            + "our API key). Nothing was charged. An admin has to check the API key.";
    public static final String RATE_LIMITED = "The provider is busy (rate limit reached). Nothing was charged; please "
            + "submit again in a minute.";
    public static final String UNREACHABLE = "The provider could not be reached, so nothing was sent or charged. "
            + "Please try again later.";
    public static final String LOST = "The provider no longer knows this task (task ids expire after about a day).";
    public static final String NO_VIDEO = "The provider reported the task as finished but sent no video, also when "
            + "asked again. It may have been charged; an admin should look for it in the provider's console.";
    public static final String LINK_EXPIRED = "The provider's link to the finished video expired before it could be "
            + "downloaded.";

    private ProviderMessages() {
    }

    public static String refusal(ProviderException.Refused e) {
        String said = e.getMessage() == null || e.getMessage().isBlank() ? ""
                : e.reason().isBlank() ? " " + e.getMessage() : " The provider said: " + e.getMessage();
        return switch (e.reason()) {
            case "ILLEGAL_PROMPT" -> "The provider refused the prompt's content. Nothing was charged." + said;
            case "ILLEGAL_IMAGE_CONTENT" -> "The provider refused the image's content. Nothing was charged." + said;
            case "INVALID_AUDIO_FILE" -> "The provider could not use the driving audio. Nothing was charged." + said;
            case "BILLING_BALANCE_NOT_ENOUGH" -> "The team's provider balance is empty; please tell an admin. "
                    + "Nothing was charged.";
            case "MISSING_API_KEY" -> NOT_CONFIGURED;
            default -> "The provider refused the request. Nothing was charged." + said;
        };
    }

    /** For a submit that reached the provider, or may have, without an answer we could read. */
    public static String outcomeUnknown(RuntimeException e) {
        String what = e instanceof ProviderException.OutcomeUnknown ? e.getMessage() : "the submit failed unexpectedly";
        return "The task was sent to the provider, but " + what + ". The provider may have created it and charged "
                + "for it, so it was not sent again. An admin should look for it in the provider's console.";
    }
}
