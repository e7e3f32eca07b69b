package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanstudio.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosterExtractorTest {
    @TempDir
    Path dir;

    @Test
    void posterIsAJpegOfTheVideosSize() throws Exception {
        // 180 is not a multiple of 16: the decoder's picture is cropped back to the real height
        Path video = TestMedia.mp4(dir.resolve("clip.mp4"), 320, 180, 8, 24);
        Path poster = dir.resolve("clip.jpg");

        PosterExtractor.writePoster(video, poster);

        assertThat(MediaInspector.inspect(poster).format()).isEqualTo("jpeg");
        BufferedImage image = ImageIO.read(poster.toFile());
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(180);
        assertThat(filesIn(dir)).containsExactlyInAnyOrder(video, poster);
    }

    /** Regression: JCodec's frame grabber gave up on any MP4 whose sound is MP3 (as a video driven by an MP3). */
    @Test
    void aVideoWithMp3SoundGetsAPoster() throws Exception {
        Path video = TestMedia.ffmpeg(dir.resolve("with-mp3.mp4"), "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=8", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-t", "3",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "libmp3lame", "-f", "mp4");
        Path poster = dir.resolve("with-mp3.jpg");

        PosterExtractor.writePoster(video, poster);

        BufferedImage image = ImageIO.read(poster.toFile());
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void clipShorterThanTwoSecondsGetsAPosterFromItsMiddle() throws Exception {
        Path video = TestMedia.mp4(dir.resolve("short.mp4"), 256, 256, 8, 6);
        Path poster = dir.resolve("short.jpg");

        PosterExtractor.writePoster(video, poster);

        assertThat(ImageIO.read(poster.toFile()).getWidth()).isEqualTo(256);
    }

    @Test
    void existingPosterIsReplaced() throws Exception {
        Path video = TestMedia.mp4(dir.resolve("clip.mp4"), 320, 240, 8, 16);
        Path poster = Files.writeString(dir.resolve("clip.jpg"), "old");

        PosterExtractor.writePoster(video, poster);

        assertThat(ImageIO.read(poster.toFile()).getHeight()).isEqualTo(240);
    }

    @Test
    void notAVideoFailsAndLeavesNoFileBehind() throws Exception {
        Path video = Files.writeString(dir.resolve("fake.mp4"), "no video here", StandardCharsets.UTF_8);
        Path poster = dir.resolve("fake.jpg");

        assertThatThrownBy(() -> PosterExtractor.writePoster(video, poster)).isInstanceOf(IOException.class);
        assertThat(filesIn(dir)).containsExactly(video);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
