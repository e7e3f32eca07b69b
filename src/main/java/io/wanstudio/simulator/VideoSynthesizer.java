package io.wanstudio.simulator;

import io.wanstudio.media.PosterExtractor;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * Makes the simulated result: a real, playable H.264 MP4 (JCodec, Baseline profile) of exactly the requested
 * duration, with the input's aspect ratio, showing a slow pan and zoom over the first frame that cross-fades to
 * the last frame when one was given, with a caption from the prompt.
 *
 * <p>Like the real model's output, the video has audio ({@link SoundTrack}): the request's MP3 driving audio, or
 * an ambient loop. Its size follows the resolution tier: the configured long side for 1080P, two thirds of it for
 * 720P.
 *
 * <p>JCodec encodes any even width and height (it pads to 16-pixel macroblocks and writes SPS cropping), so
 * sizes are only rounded to even numbers. Encoding is slow (tens of milliseconds per small frame), hence the
 * small default size and frame rate.
 */
public final class VideoSynthesizer {
    private static final Logger LOG = Logger.getLogger(VideoSynthesizer.class.getName());
    /** Zoom at the end of the Ken Burns move (relative to the cover-fitted image). */
    private static final double ZOOM = 1.15;
    /** Share of the video over which the last frame fades in. */
    private static final double CROSS_FADE = 0.4;
    private static final int CAPTION_WORDS = 6;

    /** Largest padding: a result stays within the studio's default download cap (512 MiB). */
    static final long MAX_PADDING_BYTES = 256L * 1024 * 1024;

    private final int fps;
    private final int maxLongSide;
    private final long paddingBytes;
    private volatile boolean captions = true;

    /**
     * What to render. {@code last} may be null; {@code caption} may be null or blank; {@code resolution} is
     * Novita's "720P" or "1080P"; {@code drivingMp3} is the request's MP3 driving audio, or null for ambient sound.
     */
    public record Job(BufferedImage first, BufferedImage last, int durationSeconds, String caption,
            String resolution, Path drivingMp3) {

        /** A 1080P job with ambient sound. */
        public Job(BufferedImage first, BufferedImage last, int durationSeconds, String caption) {
            this(first, last, durationSeconds, caption, "1080P", null);
        }
    }

    /**
     * Like Novita's outputs, a result must be usable as the clip of a continuation, whose sides must be 240 px at
     * least: small outputs keep encoding quick, but not smaller than that.
     */
    static final int MIN_SHORT_SIDE = 240;

    /** An output frame size. */
    public record Size(int width, int height) {
    }

    public VideoSynthesizer(int fps, int maxLongSide) {
        this(fps, maxLongSide, 0);
    }

    /**
     * @param paddingBytes zero bytes added to every video (in a second 'mdat' box), so that benchmarks can have a
     *                     large result without encoding minutes of video; 0 for none
     */
    public VideoSynthesizer(int fps, int maxLongSide, long paddingBytes) {
        if (fps < 1 || maxLongSide < 16) {
            throw new IllegalArgumentException("fps must be at least 1 and the long side at least 16 pixels");
        }
        if (paddingBytes < 0 || paddingBytes > MAX_PADDING_BYTES) {
            throw new IllegalArgumentException("wan.simulator.result-padding-bytes must be between 0 and "
                    + MAX_PADDING_BYTES + ", not " + paddingBytes);
        }
        this.fps = fps;
        this.maxLongSide = maxLongSide;
        this.paddingBytes = paddingBytes;
    }

    public int fps() {
        return fps;
    }

    /**
     * The output size for an input of {@code width}×{@code height}: the long side at most {@code maxLongSide},
     * yet the short side at least {@value #MIN_SHORT_SIDE} px (never enlarged), both sides even (YUV 4:2:0), the
     * aspect ratio kept as closely as that allows.
     */
    public static Size outputSize(int width, int height, int maxLongSide) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("The input has no pixels");
        }
        double scale = Math.min(1.0, maxLongSide / (double) Math.max(width, height));
        scale = Math.max(scale, Math.min(1.0, MIN_SHORT_SIDE / (double) Math.min(width, height)));
        return new Size(even(width * scale), even(height * scale));
    }

    /**
     * The long side of the output for a resolution tier: the configured one for 1080P, two thirds of it for 720P
     * (as 720 is of 1080), so that the tiers differ as they do at Novita while staying small.
     */
    public int longSide(String resolution) {
        return "720P".equals(resolution) ? Math.max(16, maxLongSide * 2 / 3) : maxLongSide;
    }

    /** Renders {@code job} into {@code target} (overwritten). Write to a temporary file and move it after. */
    public void render(Job job, Path target) throws IOException {
        Path videoOnly = target.resolveSibling(target.getFileName() + ".video");
        try {
            renderVideo(job, videoOnly);
            SoundTrack.mux(videoOnly, job.drivingMp3(), Math.max(1, job.durationSeconds() * fps) / (double) fps,
                    target);
            appendPadding(target, paddingBytes);
        } finally {
            Files.deleteIfExists(videoOnly);
        }
    }

    /**
     * Appends a top-level 'mdat' box of {@code bytes} zeros (plus its 8-byte header). ISO BMFF allows any number of
     * 'mdat' boxes and samples are found through the index's absolute offsets, so players ignore it: the file
     * stays the same video, only larger, and its bulk is media data as in a real large result.
     */
    static void appendPadding(Path file, long bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer header = ByteBuffer.allocate(8).putInt((int) (bytes + 8)).put("mdat".getBytes(
                    StandardCharsets.US_ASCII)).flip();
            while (header.hasRemaining()) {
                out.write(header);
            }
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(zeros.capacity(), left);
                zeros.clear().limit(n);
                while (zeros.hasRemaining()) {
                    out.write(zeros);
                }
                left -= n;
            }
        }
    }

    private void renderVideo(Job job, Path target) throws IOException {
        long started = System.nanoTime();
        Size size = outputSize(job.first().getWidth(), job.first().getHeight(), longSide(job.resolution()));
        int frames = Math.max(1, job.durationSeconds() * fps);
        Layer first = new Layer(job.first(), size);
        Layer last = job.last() == null ? null : new Layer(job.last(), size);
        String caption = captionText(job.caption());
        BufferedImage canvas = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        try (SeekableByteChannel channel = NIOUtils.writableChannel(target.toFile())) {
            AWTSequenceEncoder encoder = new AWTSequenceEncoder(channel, Rational.R(fps, 1));
            for (int i = 0; i < frames; i++) {
                double t = frames == 1 ? 1 : i / (double) (frames - 1);
                Graphics2D g = canvas.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    first.draw(g, t, false);
                    if (last != null) {
                        double fade = smoothstep((t - (1 - CROSS_FADE)) / CROSS_FADE);
                        if (fade > 0) {
                            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) fade));
                            last.draw(g, t, true);
                            g.setComposite(AlphaComposite.SrcOver);
                        }
                    }
                    drawCaption(g, caption, size);
                } finally {
                    g.dispose();
                }
                encoder.encodeImage(canvas);
            }
            encoder.finish();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.fine(() -> String.format("Rendered %d frames of %dx%d in %d ms (%d ms per frame)", frames,
                size.width(), size.height(), ms, ms / frames));
    }

    /**
     * Reads an image by content. Falls back to the readers on this class's class path, because in a server the
     * global ImageIO registry may have been set up before the WAR's plugins (WEBP) were visible.
     */
    public static BufferedImage readImage(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image != null) {
            return image;
        }
        for (ImageReaderSpi spi : ServiceLoader.load(ImageReaderSpi.class, VideoSynthesizer.class.getClassLoader())) {
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                if (in != null && spi.canDecodeInput(in)) {
                    ImageReader reader = spi.createReaderInstance();
                    try {
                        reader.setInput(in);
                        return reader.read(0);
                    } finally {
                        reader.dispose();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not this reader's format (some probes fail on short files instead of answering no)
            }
        }
        throw new IOException("Not a readable image: " + file.getFileName());
    }

    /** The first frame of an MP4/MOV clip (H.264 only: JCodec decodes nothing else), whatever its sound. */
    public static BufferedImage readClipFirstFrame(Path file) throws IOException {
        return PosterExtractor.frameAt(file, 0);
    }

    /** A plain frame of the given size, for an input whose pixels could not be decoded (its size is known). */
    public static BufferedImage placeholder(int width, int height) {
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0x1e3a5f), width, height, new Color(0x7a4069)));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawCaption(Graphics2D g, String caption, Size size) {
        if (!captions || caption.isEmpty()) {
            return;
        }
        try {
            int fontSize = Math.max(9, Math.min(size.width(), size.height()) / 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontMetrics metrics = g.getFontMetrics();
            int pad = Math.max(2, fontSize / 3);
            int textWidth = Math.min(metrics.stringWidth(caption), size.width() - 4 * pad);
            int boxHeight = metrics.getHeight() + pad;
            int y = size.height() - boxHeight - pad;
            g.setColor(new Color(0, 0, 0, 140));
            g.fillRoundRect(pad, y, textWidth + 2 * pad, boxHeight, pad, pad);
            g.setColor(Color.WHITE);
            g.setClip(pad, y, textWidth + 2 * pad, boxHeight);
            g.drawString(caption, 2 * pad, y + pad / 2 + metrics.getAscent());
            g.setClip(null);
        } catch (RuntimeException | LinkageError | InternalError e) {
            // A JVM without usable fonts (fontconfig) must still make videos: drop captions from now on
            captions = false;
            LOG.log(Level.WARNING, "Simulated videos get no caption: text cannot be drawn here", e);
        }
    }

    static String captionText(String prompt) {
        if (prompt == null) {
            return "Simulated video";
        }
        String[] words = prompt.replaceAll("\\[simulate-[^\\]]*\\]", " ").strip().split("\\s+");
        String text = Arrays.stream(words).filter(w -> !w.isEmpty()).limit(CAPTION_WORDS)
                .collect(Collectors.joining(" "));
        if (text.isEmpty()) {
            return "Simulated video";
        }
        return words.length > CAPTION_WORDS ? text + " …" : text;
    }

    private static int even(double value) {
        return Math.max(2, 2 * (int) Math.round(value / 2));
    }

    private static double smoothstep(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }

    /** One input image, scaled once to cover the frame at the largest zoom, then moved over it frame by frame. */
    private static final class Layer {
        private final BufferedImage image;
        private final Size frame;

        Layer(BufferedImage source, Size frame) {
            this.frame = frame;
            double cover = Math.max(frame.width() / (double) source.getWidth(),
                    frame.height() / (double) source.getHeight()) * ZOOM;
            this.image = scale(source, (int) Math.ceil(source.getWidth() * cover),
                    (int) Math.ceil(source.getHeight() * cover));
        }

        /** @param t 0..1 through the video; {@code reverse} moves the other way (for the last frame) */
        void draw(Graphics2D g, double t, boolean reverse) {
            double move = smoothstep(reverse ? 1 - t : t);
            double zoom = 1 + (ZOOM - 1) * move;
            double regionWidth = frame.width() * ZOOM / zoom;
            double regionHeight = frame.height() * ZOOM / zoom;
            double panX = 0.3 + 0.4 * move;
            double x = (image.getWidth() - regionWidth) * panX;
            double y = (image.getHeight() - regionHeight) * 0.5;
            double s = zoom / ZOOM;
            g.drawImage(image, new AffineTransform(s, 0, 0, s, -x * s, -y * s), null);
        }

        /** Halving steps first: one bilinear step from 8000 px down to 500 would alias badly. */
        private static BufferedImage scale(BufferedImage source, int width, int height) {
            BufferedImage current = source;
            int w = source.getWidth();
            int h = source.getHeight();
            do {
                w = Math.max(width, w / 2);
                h = Math.max(height, h / 2);
                if (w <= width * 2 && h <= height * 2) {
                    w = width;
                    h = height;
                }
                BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = next.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.drawImage(current, 0, 0, w, h, null);
                } finally {
                    g.dispose();
                }
                current = next;
            } while (w != width || h != height);
            return current;
        }
    }
}
