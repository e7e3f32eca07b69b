package io.wanstudio.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markers a test writes into a prompt to make the simulator answer as Novita would in cases that cannot be
 * provoked otherwise: {@code [simulate-illegal-prompt]}, {@code [simulate-no-balance]},
 * {@code [simulate-fail]} or {@code [simulate-fail: some reason]}.
 */
public record PromptMarkers(boolean illegalPrompt, boolean noBalance, Optional<String> failReason) {
    static final String DEFAULT_FAIL_REASON = "The simulator was asked to fail this task";
    private static final Pattern FAIL = Pattern.compile("\\[simulate-fail(?::([^\\]]*))?\\]");

    public static PromptMarkers of(String prompt) {
        if (prompt == null) {
            return new PromptMarkers(false, false, Optional.empty());
        }
        Optional<String> fail = Optional.empty();
        Matcher m = FAIL.matcher(prompt);
        if (m.find()) {
            String reason = m.group(1) == null ? "" : m.group(1).strip();
            fail = Optional.of(reason.isEmpty() ? DEFAULT_FAIL_REASON : reason);
        }
        return new PromptMarkers(prompt.contains("[simulate-illegal-prompt]"),
                prompt.contains("[simulate-no-balance]"), fail);
    }

    /** The refusal a marker asks for at submit time, if any. */
    public Optional<SimulatorRefusal> refusal() {
        if (illegalPrompt) {
            return Optional.of(new SimulatorRefusal(400, "ILLEGAL_PROMPT",
                    "prompt: The prompt contains content that is not allowed"));
        }
        if (noBalance) {
            return Optional.of(new SimulatorRefusal(400, "BILLING_BALANCE_NOT_ENOUGH",
                    "Your account balance is not enough for this task"));
        }
        return Optional.empty();
    }
}
