package io.wanstudio.provider;

import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaKind;
import io.wanstudio.media.MediaRules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Novita's published limits for wan2.7-i2v (see NOVITA_API.md), in one place: used by our local validation
 * (before anything is paid for) and by the simulator (which refuses what Novita refuses).
 */
public final class NovitaInputRules {
    public static final int MIN_DURATION = 2;
    public static final int MAX_DURATION = 15;
    public static final int DEFAULT_DURATION = 5;
    public static final Set<String> RESOLUTIONS = Set.of("720P", "1080P");
    public static final String DEFAULT_RESOLUTION = "1080P";
    public static final int PROMPT_MAX_CHARS = 5000;
    public static final int NEGATIVE_PROMPT_MAX_CHARS = 500;
    public static final long SEED_MAX = 2147483647L;

    public static final int IMAGE_MIN_SIDE = 240;
    public static final int IMAGE_MAX_SIDE = 8000;
    public static final long IMAGE_MAX_BYTES = 20L * 1024 * 1024;
    public static final int CLIP_MIN_SIDE = 240;
    public static final int CLIP_MAX_SIDE = 4096;
    public static final long CLIP_MAX_BYTES = 100L * 1024 * 1024;
    public static final double CLIP_MIN_SECONDS = 2;
    public static final double CLIP_MAX_SECONDS = 10;
    public static final long AUDIO_MAX_BYTES = 15L * 1024 * 1024;
    public static final double AUDIO_MIN_SECONDS = 2;
    public static final double AUDIO_MAX_SECONDS = 30;
    /** Aspect ratio limits: between 1:8 and 8:1. */
    public static final double MAX_ASPECT = 8.0;
    /**
     * Slack on duration limits: containers and MP3 encoder padding make a clip cut to exactly 10 s measure a few
     * hundredths more (jaudiotagger: 10.03 s for a 10 s MP3). A tenth over is a real breach.
     */
    public static final double DURATION_TOLERANCE_SECONDS = 0.05;

    private static final Set<String> IMAGE_FORMATS = Set.of("jpeg", "png", "bmp", "webp");
    private static final Set<String> CLIP_FORMATS = Set.of("mp4", "mov");
    private static final Set<String> AUDIO_FORMATS = Set.of("wav", "mp3");
    private static final long MEBIBYTE = 1024L * 1024;

    private NovitaInputRules() {
    }

    /** The largest file accepted for a field, checked before downloading or inspecting it. */
    public static long maxBytes(MediaRole role) {
        return switch (role) {
            case FIRST_FRAME, LAST_FRAME -> IMAGE_MAX_BYTES;
            case FIRST_CLIP -> CLIP_MAX_BYTES;
            case DRIVING_AUDIO -> AUDIO_MAX_BYTES;
        };
    }

    /** The rules of one media field, for the stores that keep such files. */
    public static MediaRules of(MediaRole role) {
        return new MediaRules() {
            @Override
            public long maxBytes() {
                return NovitaInputRules.maxBytes(role);
            }

            @Override
            public Optional<String> problemWith(MediaInfo info) {
                return checkMedia(role, info);
            }
        };
    }

    /** A user-facing message when the inspected media breaks a rule of its field, else empty. */
    public static Optional<String> checkMedia(MediaRole role, MediaInfo info) {
        return switch (role) {
            case FIRST_FRAME, LAST_FRAME -> checkImage(role, info);
            case FIRST_CLIP -> checkClip(info);
            case DRIVING_AUDIO -> checkAudio(info);
        };
    }

    /**
     * Every non-media rule of the request: which media fields are present (the allowed combinations), prompt
     * lengths in code points, duration, resolution spelling, seed range. Media URLs are checked for presence
     * and form here (absolute http/https; a present but blank URL is an error on its field); their content is
     * checked with {@link #checkMedia}.
     */
    public static List<FieldError> checkRequest(NovitaSubmitRequest request) {
        List<FieldError> errors = new ArrayList<>();
        checkCombination(request, errors);
        checkUrl(MediaRole.FIRST_FRAME, request.imageUrl, errors);
        checkUrl(MediaRole.FIRST_CLIP, request.firstClipUrl, errors);
        checkUrl(MediaRole.LAST_FRAME, request.lastFrameUrl, errors);
        checkUrl(MediaRole.DRIVING_AUDIO, request.drivingAudioUrl, errors);
        checkLength("prompt", "The prompt", request.prompt, PROMPT_MAX_CHARS, errors);
        checkLength("negative_prompt", "The negative prompt", request.negativePrompt, NEGATIVE_PROMPT_MAX_CHARS,
                errors);
        if (request.duration != null && (request.duration < MIN_DURATION || request.duration > MAX_DURATION)) {
            errors.add(new FieldError("duration", String.format(Locale.ROOT,
                    "The duration is %d s; it must be %d to %d s.", request.duration, MIN_DURATION, MAX_DURATION)));
        }
        if (request.resolution != null && !RESOLUTIONS.contains(request.resolution)) {
            errors.add(new FieldError("resolution",
                    "The resolution \"" + request.resolution + "\" is not offered; it must be \"720P\" or \"1080P\"."));
        }
        if (request.seed != null && (request.seed < 0 || request.seed > SEED_MAX)) {
            errors.add(new FieldError("seed", "The seed " + request.seed + " is out of range; it must be 0 to "
                    + SEED_MAX + "."));
        }
        return List.copyOf(errors);
    }

    private static Optional<String> checkImage(MediaRole role, MediaInfo info) {
        String what = role == MediaRole.FIRST_FRAME ? "The first frame" : "The last frame";
        if (info.kind() != MediaKind.IMAGE || !IMAGE_FORMATS.contains(info.format())) {
            return Optional.of(what + " must be a JPEG, PNG, BMP or WEBP image; this file is " + describe(info) + ".");
        }
        if (info.sizeBytes() > IMAGE_MAX_BYTES) {
            return Optional.of(tooBig("image", info.sizeBytes(), IMAGE_MAX_BYTES));
        }
        return checkFrameSize("image", info, IMAGE_MIN_SIDE, IMAGE_MAX_SIDE)
                .or(() -> info.transparent()
                        ? Optional.of("A " + info.format().toUpperCase(Locale.ROOT)
                                + " with transparency is not accepted; flatten it onto a background.")
                        : Optional.empty());
    }

    private static Optional<String> checkClip(MediaInfo info) {
        if (info.kind() != MediaKind.VIDEO || !CLIP_FORMATS.contains(info.format())) {
            return Optional.of("The first clip must be an MP4 or MOV video; this file is " + describe(info) + ".");
        }
        if (info.sizeBytes() > CLIP_MAX_BYTES) {
            return Optional.of(tooBig("clip", info.sizeBytes(), CLIP_MAX_BYTES));
        }
        return checkFrameSize("clip", info, CLIP_MIN_SIDE, CLIP_MAX_SIDE)
                .or(() -> checkDuration("clip", info, CLIP_MIN_SECONDS, CLIP_MAX_SECONDS));
    }

    private static Optional<String> checkAudio(MediaInfo info) {
        if (info.kind() != MediaKind.AUDIO || !AUDIO_FORMATS.contains(info.format())) {
            return Optional.of("The driving audio must be a WAV or MP3 file; this file is " + describe(info) + ".");
        }
        if (info.sizeBytes() > AUDIO_MAX_BYTES) {
            return Optional.of(tooBig("audio file", info.sizeBytes(), AUDIO_MAX_BYTES));
        }
        return checkDuration("audio", info, AUDIO_MIN_SECONDS, AUDIO_MAX_SECONDS);
    }

    private static Optional<String> checkFrameSize(String noun, MediaInfo info, int minSide, int maxSide) {
        int width = info.width();
        int height = info.height();
        List<String> breaches = new ArrayList<>();
        sideBreach("width", width, minSide, maxSide).ifPresent(breaches::add);
        sideBreach("height", height, minSide, maxSide).ifPresent(breaches::add);
        if (!breaches.isEmpty()) {
            return Optional.of(String.format(Locale.ROOT, "The %s is %d×%d px: %s.", noun, width, height,
                    String.join(" and ", breaches)));
        }
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        if (longSide > MAX_ASPECT * shortSide) {
            boolean upright = height > width;
            return Optional.of(String.format(Locale.ROOT, "The %s is %d×%d px: %s is %s than %s — the long side may "
                            + "be at most %d times the short side (here %d px for a %d px side).", noun, width, height,
                    ratio(width, height), upright ? "narrower" : "wider", upright ? "1:8" : "8:1", (int) MAX_ASPECT,
                    (int) MAX_ASPECT * shortSide, shortSide));
        }
        return Optional.empty();
    }

    /** "its width is 1 px below the 240 px minimum", or empty when the side is within the limits. */
    private static Optional<String> sideBreach(String side, int pixels, int minSide, int maxSide) {
        if (pixels < minSide) {
            return Optional.of(String.format(Locale.ROOT, "its %s is %d px below the %d px minimum", side,
                    minSide - pixels, minSide));
        }
        if (pixels > maxSide) {
            return Optional.of(String.format(Locale.ROOT, "its %s is %d px above the %d px maximum", side,
                    pixels - maxSide, maxSide));
        }
        return Optional.empty();
    }

    /**
     * The ratio of a too narrow or too wide picture: reduced when that reads well ("1:9"), else a decimal rounded
     * away from the limit, so that 1921×240 reads "8.01:1", never "8.0:1" (which would look allowed).
     */
    private static String ratio(int width, int height) {
        int divisor = BigInteger.valueOf(width).gcd(BigInteger.valueOf(height)).intValue();
        if (width / divisor <= 32 && height / divisor <= 32) {
            return width / divisor + ":" + height / divisor;
        }
        String times = BigDecimal.valueOf(Math.max(width, height))
                .divide(BigDecimal.valueOf(Math.min(width, height)), 2, RoundingMode.CEILING)
                .stripTrailingZeros().toPlainString();
        return height > width ? "1:" + times : times + ":1";
    }

    private static Optional<String> checkDuration(String noun, MediaInfo info, double min, double max) {
        double seconds = info.durationSeconds();
        // The difference is taken from the length as shown, so that the message's own arithmetic adds up.
        BigDecimal shown = BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP);
        if (seconds < min - DURATION_TOLERANCE_SECONDS) {
            return Optional.of(String.format(Locale.ROOT, "The %s is %s s long: %s s under the %s s minimum.", noun,
                    shown.toPlainString(), BigDecimal.valueOf(min).subtract(shown).setScale(1, RoundingMode.HALF_UP)
                            .toPlainString(), seconds(min)));
        }
        if (seconds > max + DURATION_TOLERANCE_SECONDS) {
            return Optional.of(String.format(Locale.ROOT, "The %s is %s s long: %s s over the %s s maximum.", noun,
                    shown.toPlainString(), shown.subtract(BigDecimal.valueOf(max)).setScale(1, RoundingMode.HALF_UP)
                            .toPlainString(), seconds(max)));
        }
        return Optional.empty();
    }

    /** The allowed sets: first frame (± last frame, ± driving audio), or first clip (± last frame). */
    private static void checkCombination(NovitaSubmitRequest request, List<FieldError> errors) {
        boolean firstFrame = request.imageUrl != null;
        boolean firstClip = request.firstClipUrl != null;
        if (firstFrame && firstClip) {
            errors.add(new FieldError(MediaRole.FIRST_CLIP.field(),
                    "Give either a first frame or a first clip, not both."));
        } else if (!firstFrame && !firstClip) {
            errors.add(new FieldError(MediaRole.FIRST_FRAME.field(), "Give a first frame or a first clip."));
        }
        if (firstClip && request.drivingAudioUrl != null) {
            errors.add(new FieldError(MediaRole.DRIVING_AUDIO.field(),
                    "Driving audio cannot be combined with a first clip; it only goes with a first frame."));
        }
    }

    private static void checkUrl(MediaRole role, String url, List<FieldError> errors) {
        if (url != null && !isAbsoluteHttpUrl(url)) {
            errors.add(new FieldError(role.field(), "This must be a URL starting with http:// or https://."));
        }
    }

    private static boolean isAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            // Novita fetches these, not us (our own fetches go through SafeUrlFetcher): any host-like authority
            // will do, including names java.net.URI will not call a host (e.g. with '_').
            String authority = uri.getRawAuthority();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && authority != null && !authority.isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkLength(String field, String what, String text, int max, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        // Novita counts characters as Unicode code points: an emoji is one character, not two UTF-16 units.
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            errors.add(new FieldError(field, String.format(Locale.ROOT,
                    "%s is %d characters long; at most %d are allowed.", what, length, max)));
        }
    }

    private static String tooBig(String noun, long bytes, long maxBytes) {
        // Rounded up, so a file one byte over 20 MB never reads "20.0 MB"; the limits are whole megabytes, so the
        // excess shown is the size shown minus the limit.
        BigDecimal megabytes = BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(MEBIBYTE), 1, RoundingMode.CEILING);
        BigDecimal limit = BigDecimal.valueOf(maxBytes / MEBIBYTE);
        return String.format(Locale.ROOT, "The %s is %s MB: %s MB over the %s MB limit.", noun,
                megabytes.toPlainString(), megabytes.subtract(limit).toPlainString(), limit.toPlainString());
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String describe(MediaInfo info) {
        String kind = switch (info.kind()) {
            case IMAGE -> "an image";
            case VIDEO -> "a video";
            case AUDIO -> "an audio file";
        };
        return kind + " (" + info.format().toUpperCase(Locale.ROOT) + ")";
    }
}
