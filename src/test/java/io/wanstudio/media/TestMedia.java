package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jcodec.api.awt.AWTSequenceEncoder;

/** Makes small media files for tests, in the test's own folder. */
final class TestMedia {
    private TestMedia() {
    }

    static BufferedImage opaqueImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static Path writeImage(BufferedImage image, String format, Path file) throws IOException {
        assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO writer for " + format).isTrue();
        return file;
    }

    /** An H.264 MP4 of moving frames, made with JCodec's encoder (what the simulator uses). */
    static Path mp4(Path file, int width, int height, int fps, int frames) throws IOException {
        AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), fps);
        for (int i = 0; i < frames; i++) {
            BufferedImage frame = opaqueImage(width, height);
            Graphics2D g = frame.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(i * width / frames, 0, 8, height);
            g.dispose();
            encoder.encodeImage(frame);
        }
        encoder.finish();
        return file;
    }

    /** A silent 16-bit mono WAV of the given length. */
    static Path wav(Path file, double seconds) throws IOException {
        AudioFormat format = new AudioFormat(16_000f, 16, 1, true, false);
        int frames = (int) Math.round(seconds * format.getFrameRate());
        byte[] pcm = new byte[frames * format.getFrameSize()];
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** The ffmpeg binary on the PATH; the calling test is skipped when there is none. */
    static Path requireFfmpeg() {
        Optional<Path> ffmpeg = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "ffmpeg"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
        return ffmpeg.get();
    }

    /** Runs ffmpeg with the given arguments (inputs, options, output); fails the test if ffmpeg fails. */
    static Path ffmpeg(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(requireFfmpeg().toString(), "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(output.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ffmpeg: " + log).isZero();
        return output;
    }
}
