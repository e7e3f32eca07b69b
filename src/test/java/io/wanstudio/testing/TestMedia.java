package io.wanstudio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * The tests' one media factory: opaque images (a gradient with a shape, so that frames and posters differ from a
 * flat colour), H.264 clips, silent WAVs, and ffmpeg for the formats Java cannot write. Used by unit tests, by the
 * ITs and inside the container (it is added to in-container deployments).
 */
public final class TestMedia {
    private TestMedia() {
    }

    public static BufferedImage opaqueImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x3b82f6), width, height, new Color(0xf59e0b)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 3, height / 3, width / 3, height / 3);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        return encode(opaqueImage(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(opaqueImage(width, height), "jpg");
    }

    /** An opaque PNG written to {@code folder/name} (for a browser's file input, which needs a path). */
    public static Path pngFile(Path folder, String name, int width, int height) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), png(width, height));
    }

    public static Path writeImage(BufferedImage image, String format, Path file) throws IOException {
        assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO writer for " + format).isTrue();
        return file;
    }

    /** An H.264 MP4 of moving frames, made with JCodec's encoder (what the simulator uses). */
    public static Path mp4(Path file, int width, int height, int fps, int frames) throws IOException {
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
    public static Path wav(Path file, double seconds) throws IOException {
        AudioFormat format = new AudioFormat(16_000f, 16, 1, true, false);
        int frames = (int) Math.round(seconds * format.getFrameRate());
        byte[] pcm = new byte[frames * format.getFrameSize()];
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /**
     * Runs ffmpeg with the given arguments (inputs, options, output); fails the test if ffmpeg fails or is not
     * installed — the test command installs it (src/test/sh/install-test-tools.sh), so a missing one is a broken
     * setup, never a reason to skip.
     */
    public static Path ffmpeg(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(output.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("ffmpeg is not installed: run src/test/sh/install-test-tools.sh", e);
        }
        String log = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ffmpeg: " + log).isZero();
        return output;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).as("ImageIO writer for " + format).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
