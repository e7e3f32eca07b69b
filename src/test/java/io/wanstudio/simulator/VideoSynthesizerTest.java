package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.PosterExtractor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSynthesizerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void landscapeImageBecomesAPlayableVideoOfTheRequestedDuration() throws Exception {
        Path image = dir.resolve("first.png");
        ImageIO.write(gradient(640, 360, Color.RED, Color.ORANGE), "png", image.toFile());
        Path video = dir.resolve("video.mp4");

        long started = System.nanoTime();
        new VideoSynthesizer(8, 480).render(
                new VideoSynthesizer.Job(VideoSynthesizer.readImage(image), null, 2, "A red sunset over the sea"),
                video);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("VideoSynthesizer: 16 frames of 480x270 in %d ms (%d ms per frame)%n", ms, ms / 16);

        Decoded decoded = decode(video);
        assertThat(decoded.frames).isEqualTo(16);
        assertThat(decoded.durationSeconds).isCloseTo(2.0, within(0.001));
        assertThat(decoded.width).isEqualTo(480);
        assertThat(decoded.height).isEqualTo(270);
        assertThat(decoded.width / (double) decoded.height).isCloseTo(640 / 360.0, within(640 / 360.0 * 0.02));
    }

    @Test
    void tallImageGivesAPortraitVideo() throws Exception {
        BufferedImage tall = gradient(360, 640, Color.BLUE, Color.CYAN);
        Path video = dir.resolve("tall.mp4");

        new VideoSynthesizer(8, 480).render(new VideoSynthesizer.Job(tall, null, 2, null), video);

        Decoded decoded = decode(video);
        assertThat(decoded.height).isGreaterThan(decoded.width);
        assertThat(decoded.width).isEqualTo(270);
        assertThat(decoded.height).isEqualTo(480);
        assertThat(decoded.frames).isEqualTo(16);
    }

    @Test
    void lastFrameFadesIn() throws Exception {
        BufferedImage red = solid(640, 360, new Color(220, 20, 20));
        BufferedImage blue = solid(640, 360, new Color(20, 20, 220));
        Path video = dir.resolve("fade.mp4");

        new VideoSynthesizer(4, 160).render(new VideoSynthesizer.Job(red, blue, 2, ""), video);

        BufferedImage firstFrame = frame(video, 0);
        BufferedImage lastFrame = frame(video, 7);
        Color start = new Color(firstFrame.getRGB(firstFrame.getWidth() / 2, firstFrame.getHeight() / 4));
        Color end = new Color(lastFrame.getRGB(lastFrame.getWidth() / 2, lastFrame.getHeight() / 4));
        assertThat(start.getRed()).isGreaterThan(start.getBlue() + 100);
        assertThat(end.getBlue()).isGreaterThan(end.getRed() + 100);
    }

    @Test
    void videoHasAnAacSoundTrackAsLongAsThePicture() throws Exception {
        Path video = dir.resolve("sound.mp4");

        new VideoSynthesizer(8, 160).render(new VideoSynthesizer.Job(gradient(640, 360, Color.RED, Color.ORANGE),
                null, 7, "waves"), video);

        MediaProbe probe = MediaProbe.of(video);
        assertThat(probe.codecs()).containsExactly("video:h264", "audio:aac");
        assertThat(probe.videoSeconds()).isCloseTo(7.0, within(0.01));
        // longer than the six-second loop, so it was repeated; cut within one video frame of the picture
        assertThat(probe.audioSeconds()).isCloseTo(probe.videoSeconds(), within(1.0 / 8));
        assertThat(probe.decodesCleanly()).isTrue();
    }

    @Test
    void anMp3DrivingAudioIsTheSoundTrackCutToTheVideo() throws Exception {
        Path mp3 = MediaProbe.ffmpeg(dir.resolve("voice.mp3"), "-f", "lavfi", "-i", "sine=frequency=300:duration=6",
                "-c:a", "libmp3lame", "-b:a", "64k");
        Path video = dir.resolve("voiced.mp4");

        new VideoSynthesizer(8, 160).render(new VideoSynthesizer.Job(gradient(640, 360, Color.BLUE, Color.CYAN),
                null, 3, "a song", "720P", mp3), video);

        MediaProbe probe = MediaProbe.of(video);
        assertThat(probe.codecs()).containsExactly("video:h264", "audio:mp3");
        assertThat(probe.audioSeconds()).isCloseTo(probe.videoSeconds(), within(1.0 / 8));
        assertThat(probe.videoSeconds()).isCloseTo(3.0, within(0.01));
        assertThat(probe.decodesCleanly()).isTrue();
    }

    @Test
    void anMp3ThatCannotBeMuxedFallsBackToAmbientSound() throws Exception {
        // MPEG-2 audio (24 kHz), which mp4parser does not read
        Path mp3 = MediaProbe.ffmpeg(dir.resolve("low.mp3"), "-f", "lavfi", "-i", "sine=frequency=300:duration=4",
                "-ar", "24000", "-c:a", "libmp3lame");
        Path video = dir.resolve("fallback.mp4");

        new VideoSynthesizer(8, 160).render(new VideoSynthesizer.Job(gradient(640, 360, Color.BLUE, Color.CYAN),
                null, 2, null, "1080P", mp3), video);

        assertThat(MediaProbe.of(video).codecs()).containsExactly("video:h264", "audio:aac");
    }

    @Test
    void paddingMakesTheResultLargerYetTheSameVideo() throws Exception {
        VideoSynthesizer.Job job = new VideoSynthesizer.Job(gradient(640, 360, Color.RED, Color.ORANGE), null, 2,
                "padded");
        Path plain = dir.resolve("plain.mp4");
        Path padded = dir.resolve("padded.mp4");
        long padding = 3L * 1024 * 1024 + 5; // more than one write buffer, and not a multiple of it

        new VideoSynthesizer(8, 160).render(job, plain);
        new VideoSynthesizer(8, 160, padding).render(job, padded);

        assertThat(Files.size(padded)).isEqualTo(Files.size(plain) + padding + 8);
        MediaProbe probe = MediaProbe.of(padded);
        assertThat(probe.codecs()).containsExactly("video:h264", "audio:aac");
        assertThat(probe.videoSeconds()).isCloseTo(2.0, within(0.01));
        assertThat(probe.decodesCleanly()).isTrue();
        // what the studio does with a result (poster) and with a clip (inspection) works on it too
        var facts = MediaInspector.inspect(padded);
        var plainFacts = MediaInspector.inspect(plain);
        assertThat(facts.durationSeconds()).isEqualTo(plainFacts.durationSeconds());
        assertThat(facts.width()).isEqualTo(plainFacts.width());
        Path poster = dir.resolve("padded.jpg");
        PosterExtractor.writePoster(padded, poster);
        assertThat(ImageIO.read(poster.toFile())).isNotNull();
    }

    @Test
    void paddingOutsideItsRangeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoSynthesizer(8, 160, -1))
                .withMessageContaining("wan.simulator.result-padding-bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoSynthesizer(8, 160, VideoSynthesizer.MAX_PADDING_BYTES + 1));
    }

    @Test
    void theStudiosPosterExtractionReadsAVideoWithSound() throws Exception {
        Path video = dir.resolve("poster-source.mp4");
        new VideoSynthesizer(8, 160).render(new VideoSynthesizer.Job(gradient(640, 360, Color.RED, Color.ORANGE),
                null, 2, "poster"), video);
        Path poster = dir.resolve("poster.jpg");

        PosterExtractor.writePoster(video, poster);

        BufferedImage image = ImageIO.read(poster.toFile());
        assertThat(image.getWidth()).isEqualTo(426);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void resolution1080PIsBiggerThan720PUpToTheCap() throws Exception {
        VideoSynthesizer synthesizer = new VideoSynthesizer(4, 480);
        assertThat(synthesizer.longSide("1080P")).isEqualTo(480);
        assertThat(synthesizer.longSide("720P")).isEqualTo(320);

        Path video = dir.resolve("720.mp4");
        synthesizer.render(new VideoSynthesizer.Job(gradient(1280, 720, Color.RED, Color.ORANGE), null, 2, null,
                "720P", null), video);
        Decoded decoded = decode(video);
        // two thirds of the cap, but not under the 240 px a clip to continue must have
        assertThat(decoded.width).isEqualTo(426);
        assertThat(decoded.height).isEqualTo(240);
    }

    @Test
    void framesForCoversTheDurationWithWholeFrames() {
        assertThat(SoundTrack.framesFor(2.0, 44100, 1024)).isEqualTo(87); // 86.13 -> 87
        assertThat(SoundTrack.framesFor(2.0, 48000, 1024)).isEqualTo(94);
        assertThat(SoundTrack.framesFor(2.4, 48000, 1152)).isEqualTo(100); // exactly 100
    }

    @Test
    void outputSizeKeepsTheAspectWithEvenSidesAndNeverEnlarges() {
        assertThat(VideoSynthesizer.outputSize(1920, 1080, 480)).isEqualTo(new VideoSynthesizer.Size(480, 270));
        // a short side under 240 px could not be continued: the long side gives way instead
        assertThat(VideoSynthesizer.outputSize(1920, 1080, 320)).isEqualTo(new VideoSynthesizer.Size(426, 240));
        assertThat(VideoSynthesizer.outputSize(240, 1920, 480)).isEqualTo(new VideoSynthesizer.Size(240, 1920));
        assertThat(VideoSynthesizer.outputSize(1920, 240, 480)).isEqualTo(new VideoSynthesizer.Size(1920, 240));
        assertThat(VideoSynthesizer.outputSize(300, 241, 480)).isEqualTo(new VideoSynthesizer.Size(300, 242));
        VideoSynthesizer.Size odd = VideoSynthesizer.outputSize(4001, 2999, 480);
        assertThat(odd.width() % 2).isZero();
        assertThat(odd.height() % 2).isZero();
        assertThat(odd.width() / (double) odd.height()).isCloseTo(4001 / 2999.0, within(4001 / 2999.0 * 0.02));
    }

    @Test
    void captionIsTheFirstWordsWithoutMarkers() {
        assertThat(VideoSynthesizer.captionText("[simulate-fail: x] a cat walks slowly across the wet street"))
                .isEqualTo("a cat walks slowly across the …");
        assertThat(VideoSynthesizer.captionText("  ")).isEqualTo("Simulated video");
        assertThat(VideoSynthesizer.captionText(null)).isEqualTo("Simulated video");
    }

    @Test
    void placeholderHasTheGivenSize() {
        BufferedImage image = VideoSynthesizer.placeholder(300, 500);
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void unreadableImageIsAnIOException() throws Exception {
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "not an image");
        assertThatIOException().isThrownBy(() -> VideoSynthesizer.readImage(junk));
    }

    private record Decoded(int frames, double durationSeconds, int width, int height) {
    }

    private static Decoded decode(Path video) throws Exception {
        assertThat(video).isRegularFile();
        try (SeekableByteChannel channel = NIOUtils.readableChannel(video.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            Picture first = grab.getNativeFrame();
            BufferedImage image = AWTUtil.toBufferedImage(first);
            int frames = 1;
            while (grab.getNativeFrame() != null) {
                frames++;
            }
            return new Decoded(frames, meta.getTotalDuration(), image.getWidth(), image.getHeight());
        }
    }

    private static BufferedImage frame(Path video, int number) throws Exception {
        File file = video.toFile();
        return AWTUtil.toBufferedImage(FrameGrab.getFrameFromFile(file, number));
    }

    private static BufferedImage gradient(int width, int height, Color from, Color to) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, from, width, height, to));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 3, height / 3, width / 4, height / 4);
        g.dispose();
        return image;
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
