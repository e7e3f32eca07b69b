package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaFactsTest {
    private static final long MB = 1024L * 1024;

    @Test
    void anImageShowsFormatSizeAspectAndBytes() {
        var jpeg = new MediaInfo(MediaKind.IMAGE, "jpeg", 1280, 720, 0, (long) (2.1 * MB), false);

        assertThat(MediaFacts.describe(jpeg)).isEqualTo("JPEG · 1280×720 · 16:9 · 2.1 MB");
    }

    @Test
    void aClipShowsItsDurationToo() {
        var mp4 = new MediaInfo(MediaKind.VIDEO, "mp4", 1280, 720, 4.0, (long) (3.2 * MB), false);

        assertThat(MediaFacts.describe(mp4)).isEqualTo("MP4 · 1280×720 · 16:9 · 4.0 s · 3.2 MB");
    }

    @Test
    void audioShowsFormatDurationAndBytesOnly() {
        var mp3 = new MediaInfo(MediaKind.AUDIO, "mp3", 0, 0, 12.43, (long) (1.1 * MB), false);

        assertThat(MediaFacts.describe(mp3)).isEqualTo("MP3 · 12.4 s · 1.1 MB");
    }

    @ParameterizedTest(name = "{0} bytes read \"{1}\"")
    @CsvSource({"0,0 KB", "1023,1 KB", "524288,512 KB", "1047552,1023 KB", "1048064,1.0 MB", "1048575,1.0 MB", "1048576,1.0 MB",
            "20971520,20.0 MB", "21390950,20.4 MB"})
    void sizesAreKilobytesUnderAMegabyteElseOneDecimalInBinaryUnits(long bytes, String shown) {
        assertThat(MediaFacts.size(bytes)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}×{1} is {2}")
    @CsvSource({"1920,1080,16:9", "1280,720,16:9", "640,480,4:3", "240,1920,1:8", "1920,240,8:1", "1080,1080,1:1",
            "720,1280,9:16", "2520,1080,21:9", "1080,2520,9:21", "100,900,1:9", "1500,1000,3:2", "320,256,5:4"})
    void reducibleAspectsAreWrittenAsWholeNumbers(int width, int height, String aspect) {
        assertThat(MediaFacts.aspect(width, height)).isEqualTo(aspect);
    }

    @ParameterizedTest(name = "{0}×{1} is {2}")
    @CsvSource({"1366,768,≈ 16:9", "768,1366,≈ 9:16", "1000,1001,≈ 1:1", "2520,1081,≈ 21:9", "1023,768,≈ 4:3"})
    void anAspectWithin1PercentOfACommonOneIsAboutThatOne(int width, int height, String aspect) {
        assertThat(MediaFacts.aspect(width, height)).isEqualTo(aspect);
    }

    @ParameterizedTest(name = "{0}×{1} is {2}")
    @CsvSource({"1920,803,2.39:1", "803,1920,1:2.39", "2560,1080,2.37:1", "1921,240,8.00:1", "997,1231,1:1.23"})
    void otherAspectsAreDecimals(int width, int height, String aspect) {
        assertThat(MediaFacts.aspect(width, height)).isEqualTo(aspect);
    }

    @ParameterizedTest(name = "{0}×{1} at {2} gives {3}")
    @CsvSource({"1920,1080,720P,1280×720", "1920,1080,1080P,1920×1080", "1366,768,720P,1280×720",
            "1080,1920,720P,720×1280", "1080,1920,1080P,1080×1920",
            "1000,1000,720P,960×960", "1000,1000,1080P,1440×1440",
            "640,480,720P,1104×832", "640,480,1080P,1664×1248",
            "240,1920,720P,336×2720", "240,1920,1080P,512×4080"})
    void outputKeepsTheAspectAtAboutTheResolutionsPixelsInSteps16(int width, int height, String resolution,
            String size) {
        assertThat(MediaFacts.outputSize(width, height, resolution)).isEqualTo(size);
    }

    @Test
    void outputSidesAreMultiplesOf16WithAboutTheResolutionsPixels() {
        for (int[] input : new int[][] {{640, 480}, {240, 1920}, {1000, 1000}, {997, 1231}, {1920, 803}}) {
            String[] sides = MediaFacts.outputSize(input[0], input[1], "720P").split("×");
            int width = Integer.parseInt(sides[0]);
            int height = Integer.parseInt(sides[1]);
            assertThat(width % 16).isZero();
            assertThat(height % 16).isZero();
            assertThat(width * (double) height).isCloseTo(1280 * 720, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void anUnknownResolutionIsABug() {
        assertThatThrownBy(() -> MediaFacts.outputSize(1280, 720, "4K")).isInstanceOf(IllegalArgumentException.class);
    }
}
