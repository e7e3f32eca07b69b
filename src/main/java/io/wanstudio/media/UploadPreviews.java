package io.wanstudio.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Small JPEG previews of uploads, for the create wizard to show what was given: of an image, or of a frame of a
 * clip. Made once, on first request, and kept beside the upload ({@link UploadStore#thumbnailFile}), which removes
 * it with the upload. Audio has none: the page draws its waveform from the file itself.
 */
@ApplicationScoped
public class UploadPreviews {
    /** The longest side of a thumbnail, in pixels. */
    public static final int THUMBNAIL_LONG_SIDE = 480;
    private static final Logger LOG = Logger.getLogger(UploadPreviews.class.getName());

    @Inject
    UploadStore uploads;

    /**
     * The thumbnail of the owner's upload {@code token}: empty for another user's or an unknown token, for audio,
     * and for a clip whose frames cannot be decoded.
     */
    public Optional<Path> thumbnail(String owner, String token) {
        return uploads.find(owner, token).flatMap(this::thumbnail);
    }

    /** The thumbnail of {@code upload}, made now if it does not exist yet; empty when there can be none. */
    public Optional<Path> thumbnail(StoredUpload upload) {
        Path thumbnail = uploads.thumbnailFile(upload);
        if (Files.isRegularFile(thumbnail)) {
            return Optional.of(thumbnail);
        }
        Path source = uploads.file(upload);
        if (upload.getKind() == MediaKind.AUDIO || !Files.isRegularFile(source)) {
            return Optional.empty();
        }
        try {
            BufferedImage picture = upload.getKind() == MediaKind.IMAGE
                    ? readSubsampled(source, upload.getFormat(), 2 * THUMBNAIL_LONG_SIDE)
                    : PosterExtractor.grabFrame(source);
            writeAtomically(shrink(picture, THUMBNAIL_LONG_SIDE), thumbnail);
        } catch (IOException | RuntimeException e) {
            // A clip in a codec JCodec cannot decode (it was accepted by its container): no preview, no alarm.
            LOG.log(Level.FINE, "No thumbnail for upload " + upload.getToken(), e);
            return Optional.empty();
        }
        if (!Files.isRegularFile(source)) {
            // Discarded while the thumbnail was made: the discard (file first, then thumbnail) may have missed it.
            deleteQuietly(thumbnail);
            return Optional.empty();
        }
        return Optional.of(thumbnail);
    }

    /**
     * Decodes the image at most about {@code minLongSide}..2×{@code minLongSide} pixels on its long side, by
     * ImageIO's source subsampling: an 8000 px image is never held full size. Read as {@link ImageProbe} reads
     * (our registered TwelveMonkeys readers first), so CMYK JPEGs and WEBP work here too.
     */
    static BufferedImage readSubsampled(Path file, String format, int minLongSide) throws IOException {
        ImagePlugins.ensureRegistered();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("No ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int longSide = Math.max(reader.getWidth(0), reader.getHeight(0));
            int step = Math.max(1, longSide / minLongSide);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    /**
     * An opaque RGB copy whose long side is at most {@code longSide} (never enlarged), halved step by step with
     * bilinear filtering so that fine detail does not alias into noise.
     */
    static BufferedImage shrink(BufferedImage image, int longSide) {
        int width = image.getWidth();
        int height = image.getHeight();
        double scale = Math.min(1.0, longSide / (double) Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        BufferedImage current = image;
        while (width / 2 >= targetWidth && height / 2 >= targetHeight) {
            width /= 2;
            height /= 2;
            current = drawn(current, width, height);
        }
        return drawn(current, targetWidth, targetHeight);
    }

    private static BufferedImage drawn(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE); // an opaque alpha channel still needs something to be drawn onto
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Written beside the target and moved into place: nobody ever reads a half-written thumbnail. */
    private static void writeAtomically(BufferedImage image, Path target) throws IOException {
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".thumb-", ".part");
        try {
            if (!ImageIO.write(image, "jpeg", partial.toFile())) {
                throw new IOException("No ImageIO writer for JPEG");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + file, e);
        }
    }
}
