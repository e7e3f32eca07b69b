package io.wanstudio.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.UnsupportedMediaException;
import io.wanstudio.testing.TestMedia.Sample;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8's acceptance of input media, file by file: real files (made here, by ImageIO and ffmpeg) through the
 * inspector and Novita's rules, as an upload is judged. Each bad file is refused with the words that say which
 * limit it breaks and by how much; each good one passes.
 */
class MediaAcceptanceTest {
    /** Shared by all cases of the class: the large samples are made once. */
    @TempDir
    static Path samples;

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments(Sample.TRANSPARENT_PNG, MediaRole.FIRST_FRAME, new String[] {"PNG with transparency"}),
                arguments(Sample.TRANSPARENT_WEBP, MediaRole.FIRST_FRAME, new String[] {"WEBP with transparency"}),
                arguments(Sample.IMAGE_239_PX, MediaRole.FIRST_FRAME, new String[] {"239×320 px", "width is 1 px below the 240 px minimum"}),
                arguments(Sample.IMAGE_8001_PX, MediaRole.FIRST_FRAME, new String[] {"8001×1200 px", "width is 1 px above the 8000 px maximum"}),
                arguments(Sample.IMAGE_1_TO_9, MediaRole.LAST_FRAME, new String[] {"240×2160 px", "1:9 is narrower than 1:8"}),
                arguments(Sample.IMAGE_OVER_20_MB, MediaRole.FIRST_FRAME, new String[] {"20.9 MB: 0.9 MB over the 20 MB limit"}),
                arguments(Sample.TEXT_NAMED_JPG, MediaRole.FIRST_FRAME,
                        new String[] {"not a supported", "JPEG, PNG, BMP, WEBP"}),
                arguments(Sample.TRUNCATED_JPEG, MediaRole.FIRST_FRAME, new String[] {"damaged or incomplete"}),
                arguments(Sample.GIF, MediaRole.FIRST_FRAME, new String[] {"not a supported", "JPEG, PNG, BMP, WEBP"}),
                arguments(Sample.TIFF, MediaRole.FIRST_FRAME, new String[] {"not a supported", "JPEG, PNG, BMP, WEBP"}),
                arguments(Sample.CLIP_1_S, MediaRole.FIRST_CLIP, new String[] {"clip is 1.0 s long: 1.0 s under the 2 s minimum"}),
                arguments(Sample.CLIP_11_S, MediaRole.FIRST_CLIP, new String[] {"clip is 11.0 s long: 1.0 s over the 10 s maximum"}),
                arguments(Sample.CLIP_1_TO_9, MediaRole.FIRST_CLIP, new String[] {"240×2160 px", "1:9 is narrower than 1:8"}),
                arguments(Sample.WEBM, MediaRole.FIRST_CLIP, new String[] {"not a supported", "MP4, MOV"}),
                arguments(Sample.TRUNCATED_MP4, MediaRole.FIRST_CLIP, new String[] {"video is damaged or incomplete"}),
                arguments(Sample.TRUNCATED_FAST_START_MP4, MediaRole.FIRST_CLIP,
                        new String[] {"video is damaged or incomplete"}),
                arguments(Sample.AUDIO_ONLY_MP4, MediaRole.FIRST_CLIP, new String[] {"no video track"}),
                arguments(Sample.AUDIO_1_S, MediaRole.DRIVING_AUDIO, new String[] {"audio is 1.0 s long: 1.0 s under the 2 s minimum"}),
                arguments(Sample.AUDIO_31_S, MediaRole.DRIVING_AUDIO,
                        new String[] {"audio is 31.0 s long: 1.0 s over the 30 s maximum"}),
                arguments(Sample.AUDIO_OVER_15_MB, MediaRole.DRIVING_AUDIO,
                        new String[] {"18.4 MB: 3.4 MB over the 15 MB limit"}),
                arguments(Sample.OGG, MediaRole.DRIVING_AUDIO, new String[] {"not a supported", "WAV, MP3"}),
                // the right kind of file in the wrong field is refused by kind, naming what was sent
                arguments(Sample.MP4, MediaRole.FIRST_FRAME, new String[] {"JPEG, PNG, BMP or WEBP", "a video (MP4)"}),
                arguments(Sample.WAV, MediaRole.FIRST_CLIP, new String[] {"MP4 or MOV", "an audio file (WAV)"}),
                arguments(Sample.JPEG, MediaRole.DRIVING_AUDIO, new String[] {"WAV or MP3", "an image (JPEG)"}));
    }

    static Stream<Arguments> goodInputs() {
        return Stream.of(
                arguments(Sample.JPEG, MediaRole.FIRST_FRAME),
                arguments(Sample.CMYK_JPEG, MediaRole.FIRST_FRAME),
                arguments(Sample.PNG, MediaRole.LAST_FRAME),
                arguments(Sample.BMP, MediaRole.FIRST_FRAME),
                arguments(Sample.WEBP, MediaRole.FIRST_FRAME),
                arguments(Sample.IMAGE_1_TO_8, MediaRole.FIRST_FRAME),
                arguments(Sample.IMAGE_240_PX, MediaRole.LAST_FRAME),
                arguments(Sample.MP4, MediaRole.FIRST_CLIP),
                arguments(Sample.MOV, MediaRole.FIRST_CLIP),
                arguments(Sample.WAV, MediaRole.DRIVING_AUDIO),
                arguments(Sample.MP3, MediaRole.DRIVING_AUDIO));
    }

    @ParameterizedTest(name = "{0} as {1} is refused")
    @MethodSource("badInputs")
    void badInputIsRefusedSayingWhichLimitItBreaks(Sample sample, MediaRole role, String[] words) throws Exception {
        assertThat(judge(sample.in(samples), role)).get(InstanceOfAssertFactories.STRING).contains(words);
    }

    @ParameterizedTest(name = "{0} as {1} is accepted")
    @MethodSource("goodInputs")
    void goodInputIsAccepted(Sample sample, MediaRole role) throws Exception {
        assertThat(judge(sample.in(samples), role)).isEmpty();
    }

    /** What the user is told about the file in that field: the inspector's refusal or the rule it breaks. */
    private static Optional<String> judge(Path file, MediaRole role) {
        try {
            return NovitaInputRules.checkMedia(role, MediaInspector.inspect(file));
        } catch (UnsupportedMediaException e) {
            return Optional.of(e.getMessage());
        }
    }
}
