package io.wanstudio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** An image with a transparent hole in its middle, in an ARGB raster (PNG writes it as an alpha channel). */
    public static BufferedImage transparentImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(opaqueImage(width, height), 0, 0, null);
        g.setComposite(AlphaComposite.Clear);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    /**
     * A CMYK JPEG (Adobe APP14 marker, four components), as print workflows and some cameras' exports give:
     * TwelveMonkeys' writer stores a CMYK image so, and only its reader (not the JDK's) reads one back.
     */
    public static Path cmykJpeg(Path file, int width, int height) throws IOException {
        ColorModel model = new ComponentColorModel(ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage cmyk = new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false,
                null);
        BufferedImage rgb = opaqueImage(width, height);
        int[] ink = new int[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // naive RGB to CMYK (no profile needed: the test wants a CMYK file, not faithful colour)
                int pixel = rgb.getRGB(x, y);
                int r = pixel >> 16 & 0xFF;
                int g = pixel >> 8 & 0xFF;
                int b = pixel & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                ink[0] = 255 - r - k;
                ink[1] = 255 - g - k;
                ink[2] = 255 - b - k;
                ink[3] = k;
                cmyk.getRaster().setPixel(x, y, ink);
            }
        }
        return writeImage(cmyk, "jpeg", file);
    }

    /** The first {@code keep} of a file's bytes, as an upload cut off in transit leaves it. */
    public static Path truncated(Path source, Path file, double keep) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        return Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
    }

    /** An H.264 clip of ffmpeg's test pattern ({@code format} "mp4" or "mov"), small and quick to encode. */
    public static Path h264Clip(Path file, String format, int width, int height, double seconds)
            throws IOException, InterruptedException {
        return ffmpeg(file, "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=8",
                "-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-f", format);
    }

    /** A tone of the given length through one of ffmpeg's audio encoders (libmp3lame, libvorbis, aac, ...). */
    public static Path tone(Path file, String codec, String format, double seconds)
            throws IOException, InterruptedException {
        return ffmpeg(file, "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", codec,
                "-f", format);
    }

    /**
     * Input files every field must refuse or accept, made on first use into a folder and then reused (the large
     * ones take seconds). What each must be answered with is the tests' business; this only makes the files.
     */
    public enum Sample {
        TRANSPARENT_PNG("transparent.png", f -> writeImage(transparentImage(320, 240), "png", f)),
        TRANSPARENT_WEBP("transparent.webp", f -> ffmpeg(f, "-f", "lavfi", "-i",
                "color=red@0.5:s=320x240,format=rgba", "-frames:v", "1", "-c:v", "libwebp")),
        IMAGE_239_PX("narrow.jpg", f -> Files.write(f, jpeg(239, 320))),
        IMAGE_8001_PX("wide.jpg", f -> Files.write(f, jpeg(8001, 1200))),
        IMAGE_1_TO_9("tall.png", f -> Files.write(f, png(240, 2160))),
        /** 2700×2700 24-bit BMP: 21.9 MB (20.9 MiB) of pixels, every side and the aspect within limits. */
        IMAGE_OVER_20_MB("huge.bmp", f -> writeImage(opaqueImage(2700, 2700), "bmp", f)),
        TEXT_NAMED_JPG("notes.jpg", f -> Files.writeString(f, "Shopping list: milk, eggs, bread.\n")),
        TRUNCATED_JPEG("cut.jpg", f -> truncated(Files.write(f.resolveSibling("whole-for-cut.jpg"), jpeg(640, 480)), f,
                0.5)),
        GIF("anim.gif", f -> writeImage(opaqueImage(320, 240), "gif", f)),
        TIFF("scan.tiff", f -> writeImage(opaqueImage(320, 240), "tiff", f)),
        CLIP_1_S("short.mp4", f -> h264Clip(f, "mp4", 320, 240, 1)),
        CLIP_11_S("long.mp4", f -> h264Clip(f, "mp4", 320, 240, 11)),
        CLIP_1_TO_9("tall.mp4", f -> h264Clip(f, "mp4", 240, 2160, 3)),
        WEBM("clip.webm", f -> ffmpeg(f, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=8", "-t", "3",
                "-c:v", "libvpx", "-f", "webm")),
        /** ffmpeg writes the 'moov' index after the media data, so the first half has none. */
        TRUNCATED_MP4("cut.mp4", f -> truncated(h264Clip(f.resolveSibling("whole-for-cut.mp4"), "mp4", 320, 240, 3),
                f, 0.5)),
        /** Index first (as made for the web): the first half has a whole index, and half the media data. */
        TRUNCATED_FAST_START_MP4("cut-faststart.mp4", f -> truncated(ffmpeg(f.resolveSibling("whole-faststart.mp4"),
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=8", "-t", "3", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"), f, 0.5)),
        AUDIO_ONLY_MP4("voice.mp4", f -> tone(f, "aac", "mp4", 3)),
        AUDIO_1_S("short.wav", f -> wav(f, 1)),
        AUDIO_31_S("long.wav", f -> wav(f, 31)),
        /** 25 s of 96 kHz 32-bit stereo: 19.2 MB (18.4 MB as the app counts, in MiB), its length within limits. */
        AUDIO_OVER_15_MB("big.wav", f -> ffmpeg(f, "-f", "lavfi", "-i",
                "sine=frequency=440:duration=25:sample_rate=96000", "-ac", "2", "-c:a", "pcm_s32le", "-f", "wav")),
        OGG("voice.ogg", f -> tone(f, "libvorbis", "ogg", 3)),

        JPEG("photo.jpg", f -> Files.write(f, jpeg(640, 480))),
        CMYK_JPEG("cmyk.jpg", f -> cmykJpeg(f, 640, 480)),
        PNG("frame.png", f -> Files.write(f, png(640, 360))),
        BMP("frame.bmp", f -> writeImage(opaqueImage(320, 240), "bmp", f)),
        WEBP("frame.webp", f -> ffmpeg(f, "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1",
                "-c:v", "libwebp")),
        IMAGE_1_TO_8("tall-ok.png", f -> Files.write(f, png(240, 1920))),
        IMAGE_240_PX("square.jpg", f -> Files.write(f, jpeg(240, 240))),
        MP4("clip.mp4", f -> h264Clip(f, "mp4", 320, 240, 3)),
        MOV("clip.mov", f -> h264Clip(f, "mov", 320, 240, 3)),
        WAV("voice.wav", f -> wav(f, 3)),
        MP3("voice.mp3", f -> tone(f, "libmp3lame", "mp3", 3));

        private final String fileName;
        private final Maker maker;

        Sample(String fileName, Maker maker) {
            this.fileName = fileName;
            this.maker = maker;
        }

        public String fileName() {
            return fileName;
        }

        /** This sample's file in {@code folder}, made there on first call. */
        public synchronized Path in(Path folder) throws IOException, InterruptedException {
            Path file = folder.resolve(name() + "-" + fileName);
            if (!Files.exists(file)) {
                Files.createDirectories(folder);
                maker.make(file);
            }
            return file;
        }

        @FunctionalInterface
        private interface Maker {
            Path make(Path file) throws IOException, InterruptedException;
        }
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
