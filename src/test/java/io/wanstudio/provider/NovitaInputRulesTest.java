package io.wanstudio.provider;

import static io.wanstudio.provider.MediaRole.DRIVING_AUDIO;
import static io.wanstudio.provider.MediaRole.FIRST_CLIP;
import static io.wanstudio.provider.MediaRole.FIRST_FRAME;
import static io.wanstudio.provider.MediaRole.LAST_FRAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NovitaInputRulesTest {
    private static final long MB = 1024L * 1024;
    private static final String IMAGE = "https://example.com/a.png";
    private static final String CLIP = "https://example.com/a.mp4";
    private static final String AUDIO = "https://example.com/a.mp3";

    // ---- images (first and last frame) ----

    @ParameterizedTest
    @CsvSource({"240,240", "8000,8000", "240,1920", "1920,240", "1280,720"})
    void imageSidesAndAspectWithinLimitsAreAccepted(int width, int height) {
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, image("png", width, height))).isEmpty();
        assertThat(NovitaInputRules.checkMedia(LAST_FRAME, image("jpeg", width, height))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"239,400,its width is 1 px below the 240 px minimum",
            "400,239,its height is 1 px below the 240 px minimum",
            "8001,4000,its width is 1 px above the 8000 px maximum",
            "4000,8001,its height is 1 px above the 8000 px maximum",
            "9000,100,its width is 1000 px above the 8000 px maximum and its height is 140 px below the 240 px "
                    + "minimum"})
    void imageSideOutsideLimitsSaysWhichSideAndByHowMuch(int width, int height, String breach) {
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, image("png", width, height)))
                .hasValue("The image is " + width + "×" + height + " px: " + breach + ".");
    }

    @Test
    void bothSidesTooSmallAreBothNamed() {
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, image("jpeg", 120, 90))).hasValue("The image is 120×90 "
                + "px: its width is 120 px below the 240 px minimum and its height is 150 px below the 240 px minimum.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "300|2700|1:9 is narrower than 1:8|2400 px for a 300 px side",
            "240|2160|1:9 is narrower than 1:8|1920 px for a 240 px side",
            "1944|240|8.1:1 is wider than 8:1|1920 px for a 240 px side",
            "240|1944|1:8.1 is narrower than 1:8|1920 px for a 240 px side",
            // a hair over the limit never reads as the limit itself
            "1921|240|8.01:1 is wider than 8:1|1920 px for a 240 px side"})
    void aspectBeyondEightToOneSaysTheRatioAndTheLongestSideAllowed(int width, int height, String ratio,
            String here) {
        assertThat(NovitaInputRules.checkMedia(LAST_FRAME, image("webp", width, height))).hasValue(
                "The image is " + width + "×" + height + " px: " + ratio + " — the long side may be at most 8 times "
                        + "the short side (here " + here + ").");
    }

    @Test
    void transparentImageIsRefused() {
        MediaInfo png = new MediaInfo(MediaKind.IMAGE, "png", 800, 600, 0, MB, true);

        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, png))
                .hasValue("A PNG with transparency is not accepted; flatten it onto a background.");
    }

    @Test
    void imageSizeLimitIs20Megabytes() {
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, imageOfBytes(20 * MB))).isEmpty();
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, imageOfBytes(20 * MB + 1)))
                .hasValue("The image is 20.1 MB: 0.1 MB over the 20 MB limit.");
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, imageOfBytes((long) (20.4 * MB))))
                .hasValue("The image is 20.4 MB: 0.4 MB over the 20 MB limit.");
    }

    @Test
    void frameMustBeAnImage() {
        assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, clip(3)))
                .hasValue("The first frame must be a JPEG, PNG, BMP or WEBP image; this file is a video (MP4).");
    }

    @Test
    void everyImageFormatOfTheSpecIsAccepted() {
        for (String format : List.of("jpeg", "png", "bmp", "webp")) {
            assertThat(NovitaInputRules.checkMedia(FIRST_FRAME, image(format, 1280, 720))).as(format).isEmpty();
        }
    }

    // ---- first clip ----

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 5.0, 10.0, 10.04})
    void clipDurationWithinLimitsIsAccepted(double seconds) {
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(seconds))).isEmpty();
    }

    @Test
    void clipTooShortOrTooLongIsRefused() {
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(1.9)))
                .hasValue("The clip is 1.9 s long: 0.1 s under the 2 s minimum.");
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(10.1)))
                .hasValue("The clip is 10.1 s long: 0.1 s over the 10 s maximum.");
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(11.0)))
                .hasValue("The clip is 11.0 s long: 1.0 s over the 10 s maximum.");
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(12.4)))
                .hasValue("The clip is 12.4 s long: 2.4 s over the 10 s maximum.");
        // just past the tolerance: the message still says a tenth, never "0.0 s over"
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, clip(10.051)))
                .hasValue("The clip is 10.1 s long: 0.1 s over the 10 s maximum.");
    }

    @Test
    void clipSidesAreLimitedTo4096() {
        MediaInfo ok = new MediaInfo(MediaKind.VIDEO, "mov", 4096, 2160, 5, 50 * MB, false);
        MediaInfo tooWide = new MediaInfo(MediaKind.VIDEO, "mp4", 4097, 2160, 5, 50 * MB, false);

        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, ok)).isEmpty();
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, tooWide))
                .hasValue("The clip is 4097×2160 px: its width is 1 px above the 4096 px maximum.");
    }

    @Test
    void clipAspectAndSizeLimits() {
        MediaInfo narrow = new MediaInfo(MediaKind.VIDEO, "mp4", 240, 1944, 5, MB, false);
        MediaInfo heavy = new MediaInfo(MediaKind.VIDEO, "mp4", 1280, 720, 5, 100 * MB + 1, false);

        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, narrow)).hasValueSatisfying(m ->
                assertThat(m).startsWith("The clip is 240×1944 px: 1:8.1 is narrower than 1:8"));
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, heavy))
                .hasValue("The clip is 100.1 MB: 0.1 MB over the 100 MB limit.");
    }

    @Test
    void clipMustBeMp4OrMov() {
        assertThat(NovitaInputRules.checkMedia(FIRST_CLIP, image("png", 1280, 720)))
                .hasValue("The first clip must be an MP4 or MOV video; this file is an image (PNG).");
    }

    // ---- driving audio ----

    @Test
    void audioDurationLimits() {
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("mp3", 2.0))).isEmpty();
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("wav", 30.0))).isEmpty();
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("mp3", 30.03))).isEmpty(); // MP3 padding
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("mp3", 30.1)))
                .hasValue("The audio is 30.1 s long: 0.1 s over the 30 s maximum.");
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("wav", 1.9)))
                .hasValue("The audio is 1.9 s long: 0.1 s under the 2 s minimum.");
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, audio("wav", 1.0)))
                .hasValue("The audio is 1.0 s long: 1.0 s under the 2 s minimum.");
    }

    @Test
    void audioSizeAndKind() {
        MediaInfo heavy = new MediaInfo(MediaKind.AUDIO, "wav", 0, 0, 20, 15 * MB + 1, false);

        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, heavy))
                .hasValue("The audio file is 15.1 MB: 0.1 MB over the 15 MB limit.");
        assertThat(NovitaInputRules.checkMedia(DRIVING_AUDIO, clip(5)))
                .hasValue("The driving audio must be a WAV or MP3 file; this file is a video (MP4).");
    }

    // ---- request: combinations ----

    @Test
    void everyAllowedCombinationPasses() {
        assertThat(check(request(IMAGE, null, null, null))).isEmpty();
        assertThat(check(request(IMAGE, null, null, AUDIO))).isEmpty();
        assertThat(check(request(IMAGE, null, IMAGE, null))).isEmpty();
        assertThat(check(request(IMAGE, null, IMAGE, AUDIO))).isEmpty();
        assertThat(check(request(null, CLIP, null, null))).isEmpty();
        assertThat(check(request(null, CLIP, IMAGE, null))).isEmpty();
    }

    @Test
    void firstFrameAndFirstClipTogetherAreRefused() {
        assertThat(check(request(IMAGE, CLIP, null, null))).extracting(FieldError::field)
                .containsExactly("first_clip_url");
    }

    @Test
    void neitherFirstFrameNorFirstClipIsRefused() {
        assertThat(check(request(null, null, null, null))).extracting(FieldError::field)
                .containsExactly("image_url");
        assertThat(check(request(null, null, IMAGE, null))).extracting(FieldError::field)
                .containsExactly("image_url");
        assertThat(check(request(null, null, IMAGE, AUDIO))).extracting(FieldError::field)
                .containsExactly("image_url");
    }

    @Test
    void drivingAudioWithAFirstClipIsRefused() {
        assertThat(check(request(null, CLIP, null, AUDIO))).extracting(FieldError::field)
                .containsExactly("driving_audio_url");
        assertThat(check(request(null, CLIP, IMAGE, AUDIO))).extracting(FieldError::field)
                .containsExactly("driving_audio_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "example.com/a.png", "/a.png", "ftp://example.com/a.png", "file:/etc/passwd",
            "http://", "not a url"})
    void mediaUrlsMustBeAbsoluteHttpUrls(String url) {
        assertThat(check(request(IMAGE, null, url, null)))
                .containsExactly(new FieldError("last_frame_url", "This must be a URL starting with http:// or https://."));
    }

    @Test
    void blankFirstFrameUrlIsAnErrorOnThatField() {
        assertThat(check(request("", null, null, null))).extracting(FieldError::field).containsExactly("image_url");
    }

    // ---- request: text and numbers ----

    @Test
    void promptIsCountedInCodePoints() {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        request.prompt = "😀".repeat(5000); // 10,000 UTF-16 units
        assertThat(check(request)).isEmpty();

        request.prompt = "😀".repeat(5001);
        assertThat(check(request)).containsExactly(
                new FieldError("prompt", "The prompt is 5001 characters long; at most 5000 are allowed."));
    }

    @Test
    void negativePromptIsLimitedTo500CodePoints() {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        request.negativePrompt = "模".repeat(500);
        assertThat(check(request)).isEmpty();

        request.negativePrompt = "😀".repeat(501);
        assertThat(check(request)).extracting(FieldError::field).containsExactly("negative_prompt");
    }

    @ParameterizedTest
    @CsvSource({"1,false", "2,true", "15,true", "16,false"})
    void durationMustBe2To15(int seconds, boolean accepted) {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        request.duration = seconds;

        if (accepted) {
            assertThat(check(request)).isEmpty();
        } else {
            assertThat(check(request)).containsExactly(
                    new FieldError("duration", "The duration is " + seconds + " s; it must be 2 to 15 s."));
        }
    }

    @Test
    void resolutionSpellingIsExact() {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        request.resolution = "720P";
        assertThat(check(request)).isEmpty();
        request.resolution = "1080P";
        assertThat(check(request)).isEmpty();

        request.resolution = "1080p";
        assertThat(check(request)).containsExactly(new FieldError("resolution",
                "The resolution \"1080p\" is not offered; it must be \"720P\" or \"1080P\"."));
    }

    @ParameterizedTest
    @CsvSource({"-1,false", "0,true", "2147483647,true", "2147483648,false"})
    void seedMustFitInASignedInt(long seed, boolean accepted) {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        request.seed = seed;

        assertThat(check(request).isEmpty()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(check(request)).extracting(FieldError::field).containsExactly("seed");
        }
    }

    @Test
    void absentOptionalFieldsAreFine() {
        NovitaSubmitRequest request = request(IMAGE, null, null, null);
        assertThat(request.prompt).isNull();
        assertThat(request.duration).isNull();
        assertThat(check(request)).isEmpty();
    }

    @Test
    void maxBytesMatchesTheRuleOfEachField() {
        assertThat(NovitaInputRules.maxBytes(FIRST_FRAME)).isEqualTo(20 * MB);
        assertThat(NovitaInputRules.maxBytes(LAST_FRAME)).isEqualTo(20 * MB);
        assertThat(NovitaInputRules.maxBytes(FIRST_CLIP)).isEqualTo(100 * MB);
        assertThat(NovitaInputRules.maxBytes(DRIVING_AUDIO)).isEqualTo(15 * MB);
    }

    private static List<FieldError> check(NovitaSubmitRequest request) {
        return NovitaInputRules.checkRequest(request);
    }

    private static NovitaSubmitRequest request(String image, String clip, String lastFrame, String audio) {
        NovitaSubmitRequest request = new NovitaSubmitRequest();
        request.imageUrl = image;
        request.firstClipUrl = clip;
        request.lastFrameUrl = lastFrame;
        request.drivingAudioUrl = audio;
        return request;
    }

    private static MediaInfo image(String format, int width, int height) {
        return new MediaInfo(MediaKind.IMAGE, format, width, height, 0, MB, false);
    }

    private static MediaInfo imageOfBytes(long bytes) {
        return new MediaInfo(MediaKind.IMAGE, "jpeg", 1280, 720, 0, bytes, false);
    }

    private static MediaInfo clip(double seconds) {
        return new MediaInfo(MediaKind.VIDEO, "mp4", 1280, 720, seconds, 10 * MB, false);
    }

    private static MediaInfo audio(String format, double seconds) {
        return new MediaInfo(MediaKind.AUDIO, format, 0, 0, seconds, MB, false);
    }
}
