package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wanstudio.testing.TestMedia;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of a long video, cut at a keyframe without re-encoding, as the provider's first clip. */
class ClipCutterTest {
    @TempDir
    Path folder;

    /** An 8 fps H.264 clip with AAC sound and keyframes only where {@code keyframes} says (ffmpeg's syntax). */
    Path clip(double seconds, String keyframes) throws Exception {
        return TestMedia.ffmpeg(folder.resolve("long.mp4"), "-f", "lavfi", "-i", "testsrc=size=320x240:rate=8",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", Double.toString(seconds), "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "1000", "-sc_threshold", "0",
                "-force_key_frames", keyframes, "-c:a", "aac", "-f", "mp4");
    }

    @Test
    void theLastTenSecondsOfALongVideoStartAtAKeyframe() throws Exception {
        Path target = folder.resolve("end.mp4");

        ClipCutter.lastSeconds(clip(14, "expr:gte(t,n_forced*1)"), 10, target);

        assertThat(FfprobeDuration.of(target)).isCloseTo(10, within(0.15));
    }

    @Test
    void withFewKeyframesThePieceIsShorterButAtLeastTwoSeconds() throws Exception {
        Path target = folder.resolve("end.mp4");

        ClipCutter.lastSeconds(clip(14, "0,9"), 10, target);

        assertThat(FfprobeDuration.of(target)).isCloseTo(5, within(0.15));
    }

    @Test
    void noKeyframeLeavingTwoToTenSecondsIsExplained() throws Exception {
        Path video = clip(12.5, "0,11.5");

        assertThatThrownBy(() -> ClipCutter.lastSeconds(video, 10, folder.resolve("end.mp4")))
                .isInstanceOf(ClipCutException.class)
                .hasMessage("The last 10 s of this 12.5 s video hold no keyframe that leaves 2 to 10 s "
                        + "(keyframes at 0 s, 11.5 s), so it cannot be cut without re-encoding.");
        assertThat(folder.resolve("end.mp4")).doesNotExist();
    }

    @Test
    void aVideoOfTenSecondsOrLessIsNotCut() throws Exception {
        Path video = clip(9, "0");

        assertThatThrownBy(() -> ClipCutter.lastSeconds(video, 10, folder.resolve("end.mp4")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
