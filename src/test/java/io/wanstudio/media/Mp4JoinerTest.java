package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wanstudio.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining clips without re-encoding: what ffmpeg says of the result, and what a refusal says. */
class Mp4JoinerTest {
    @TempDir
    Path folder;

    /** An H.264 clip of ffmpeg's test pattern at 8 fps with an AAC tone (or silent, {@code sampleRate} 0). */
    Path clip(String name, int width, int height, double seconds, int sampleRate) throws Exception {
        Path file = folder.resolve(name);
        if (sampleRate == 0) {
            return TestMedia.h264Clip(file, "mp4", width, height, seconds);
        }
        return TestMedia.ffmpeg(file, "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=8",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate, "-t", Double.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "1",
                "-f", "mp4");
    }

    @Test
    void clipsWithSoundPlayAsOneFilmOfTheirSummedLength() throws Exception {
        Path target = folder.resolve("film.mp4");

        Mp4Joiner.join(List.of(clip("a.mp4", 320, 240, 2, 44100), clip("b.mp4", 320, 240, 3, 44100),
                clip("c.mp4", 320, 240, 1.5, 44100)), target);

        assertThat(FfprobeDuration.of(target)).isCloseTo(6.5, within(0.15));
        assertThat(TestMedia.ffmpeg(folder.resolve("sound.wav"), "-i", target.toString(), "-vn"))
                .as("the film has its sound").isNotEmptyFile();
    }

    @Test
    void silentClipsJoin() throws Exception {
        Path target = folder.resolve("film.mp4");

        Mp4Joiner.join(List.of(clip("a.mp4", 320, 240, 2, 0), clip("b.mp4", 320, 240, 2, 0)), target);

        assertThat(FfprobeDuration.of(target)).isCloseTo(4, within(0.15));
    }

    @Test
    void aClipOfAnotherSizeIsNamedAndNothingIsWritten() throws Exception {
        Path target = folder.resolve("film.mp4");
        var clips = List.of(clip("a.mp4", 320, 240, 2, 0), clip("b.mp4", 240, 320, 2, 0),
                clip("c.mp4", 320, 240, 2, 0));

        assertThatThrownBy(() -> Mp4Joiner.join(clips, target)).isInstanceOf(IncompatibleClipsException.class)
                .hasMessage("clip 2 is 240×320, the others 320×240");
        assertThat(target).doesNotExist();
        assertThat(folder).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void aClipWithoutSoundAmongClipsWithSoundIsRefused() throws Exception {
        var clips = List.of(clip("a.mp4", 320, 240, 2, 44100), clip("b.mp4", 320, 240, 2, 0));

        assertThatThrownBy(() -> Mp4Joiner.join(clips, folder.resolve("film.mp4")))
                .hasMessage("clip 2 has no sound, the others have");
    }

    @Test
    void soundOfAnotherSampleRateIsRefused() throws Exception {
        var clips = List.of(clip("a.mp4", 320, 240, 2, 44100), clip("b.mp4", 320, 240, 2, 44100),
                clip("c.mp4", 320, 240, 2, 48000));

        assertThatThrownBy(() -> Mp4Joiner.join(clips, folder.resolve("film.mp4")))
                .hasMessage("clip 3 has sound at 48000 Hz, the others at 44100 Hz");
    }

    @Test
    void anotherCodecIsRefused() throws Exception {
        Path mpeg4 = TestMedia.ffmpeg(folder.resolve("b.mp4"), "-f", "lavfi", "-i", "testsrc=size=320x240:rate=8",
                "-t", "2", "-c:v", "mpeg4", "-f", "mp4");
        var clips = List.of(clip("a.mp4", 320, 240, 2, 0), mpeg4);

        assertThatThrownBy(() -> Mp4Joiner.join(clips, folder.resolve("film.mp4")))
                .hasMessage("clip 2 is MPEG-4 Part 2 video, the others H.264");
        assertThat(Files.exists(folder.resolve("film.mp4"))).isFalse();
    }
}
