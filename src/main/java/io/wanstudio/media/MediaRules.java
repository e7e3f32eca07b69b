package io.wanstudio.media;

import java.util.Optional;

/**
 * What a stored file must be, given by whoever knows the rules (the provider's input rules for one field): the
 * media package enforces them without knowing where they come from.
 */
public interface MediaRules {
    /** The most bytes accepted; a stream is cut off as soon as it passes this. */
    long maxBytes();

    /** A user-facing message when the inspected file breaks a rule, else empty. */
    Optional<String> problemWith(MediaInfo info);
}
