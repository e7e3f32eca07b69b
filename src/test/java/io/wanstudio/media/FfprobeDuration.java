package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long ffprobe (an independent reader) says a video plays, after ffmpeg decoded all of it without error. The
 * media tests' own, since the ITs' {@code VideoCheck} lives in the package that depends on the whole app.
 */
final class FfprobeDuration {
    private FfprobeDuration() {
    }

    static double of(Path video) throws Exception {
        TestMedia.ffmpeg(Path.of("/dev/null"), "-i", video.toString(), "-xerror", "-f", "null");
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                "csv=p=0", video.toString()).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Double.parseDouble(out);
    }
}
