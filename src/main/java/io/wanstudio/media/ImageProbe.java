package io.wanstudio.media;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Size and transparency of a JPEG, PNG, BMP or WEBP through ImageIO; the pixels are decoded too, so that a file
 * cut short or garbled behind a sound header is refused before it is kept or sent anywhere.
 */
final class ImageProbe {
    /** The largest image the provider accepts (8000×8000); bigger ones are refused by size, never decoded. */
    private static final long MAX_DECODED_PIXELS = 8000L * 8000L;
    /** Pixels decoded at a time when looking for transparency: bounds memory to tens of MB per band. */
    private static final long BAND_PIXELS = 16L * 1024 * 1024;
    /** At most this many pixels are kept when an opaque image is decoded only to prove it decodes (~8 MB). */
    static final long CHECK_PIXELS = 2_000_000;
    private static final Pattern DAMAGE_WARNING = Pattern.compile(
            "(?i)premature|truncat|missing eoi|corrupt|end of (file|data|stream)|unexpected");

    private ImageProbe() {
    }

    static MediaInfo inspect(Path file, String format, long size) throws UnsupportedMediaException {
        ImagePlugins.ensureRegistered();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + "; is TwelveMonkeys deployed?");
        }
        ImageReader reader = readers.next();
        List<String> damage = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (reportsDamage(warning)) {
                damage.add(warning);
            }
        });
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            // Metadata ignored (also skips text chunks, a zip-bomb vector); the JDK's PNG reader still reads
            // tRNS then, as it needs it to decode. Not seek-forward-only: bands re-read the image data.
            reader.setInput(in, false, true);
            int width;
            int height;
            boolean alpha;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                alpha = declaresAlpha(reader);
            } catch (IOException | RuntimeException e) {
                // Image readers signal unreadable headers with all sorts of unchecked exceptions too.
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED, e);
            }
            if (width <= 0 || height <= 0) {
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED);
            }
            boolean transparent = false;
            try {
                // The pixels are decoded either way: a header can be whole while the data behind it is cut off
                if (alpha) {
                    transparent = hasTransparentPixel(reader, width, height);
                } else {
                    decodeSmall(reader, width, height);
                }
            } catch (IOException | RuntimeException e) {
                throw new UnsupportedMediaException(MediaInspector.DAMAGED, e);
            }
            if (!damage.isEmpty()) {
                throw new UnsupportedMediaException(MediaInspector.DAMAGED,
                        new IOException(format + " reader: " + String.join("; ", damage)));
            }
            return new MediaInfo(MediaKind.IMAGE, format, width, height, 0, size, transparent);
        } catch (IOException e) {
            throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Whether a reader warning means the data is broken. ImageIO's JPEG reader (libjpeg) decodes a file that was
     * cut short or garbled and only warns ("Premature end of JPEG file", "Corrupt JPEG data: premature end of
     * data segment", "Missing EOI marker"), filling the rest with grey. Warnings about metadata (e.g. an ICC
     * profile Java 2D cannot use) and libjpeg's "extraneous bytes before marker", which files that decode whole
     * often carry, do not count.
     */
    static boolean reportsDamage(String warning) {
        return warning != null && DAMAGE_WARNING.matcher(warning).find()
                && !warning.toLowerCase(Locale.ROOT).contains("extraneous");
    }

    /**
     * Decodes every pixel, subsampled so that at most {@link #CHECK_PIXELS} are kept: the reader still reads the
     * whole data stream (and so meets any damage in it) while memory stays small. Images too large to be
     * accepted are refused by their size and not decoded. Damage shows as an exception or a warning.
     */
    private static void decodeSmall(ImageReader reader, int width, int height) throws IOException {
        long pixels = (long) width * height;
        if (pixels > MAX_DECODED_PIXELS) {
            return;
        }
        int step = (int) Math.max(1, Math.ceil(Math.sqrt(pixels / (double) CHECK_PIXELS)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        reader.read(0, param);
    }

    /**
     * Whether the image decodes with an alpha channel: from an alpha channel, a palette with tRNS, or an RGB/grey
     * image with a tRNS colour. Asks for the default destination type (what {@code read} produces), not the raw
     * type: the JDK 17 PNG reader reports a tRNS colour image's raw type without alpha.
     */
    private static boolean declaresAlpha(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() && types.next().getColorModel().hasAlpha();
    }

    /**
     * An alpha channel alone does not make an image transparent (many tools write fully opaque RGBA), so the
     * pixels decide. Decoded in horizontal bands so an 8000×8000 image never sits in memory whole.
     */
    private static boolean hasTransparentPixel(ImageReader reader, int width, int height) throws IOException {
        if ((long) width * height > MAX_DECODED_PIXELS) {
            return true; // refused for its size anyway; trust what the header declares
        }
        int bandRows = (int) Math.max(1, Math.min(height, BAND_PIXELS / width));
        for (int y = 0; y < height; y += bandRows) {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(0, y, width, Math.min(bandRows, height - y)));
            if (hasTransparentPixel(reader.read(0, param))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTransparentPixel(BufferedImage image) {
        int width = image.getWidth();
        int[] row = new int[width];
        WritableRaster alpha = image.getAlphaRaster();
        int dataType = alpha == null ? DataBuffer.TYPE_UNDEFINED : alpha.getDataBuffer().getDataType();
        if (dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT) {
            int opaque = (1 << alpha.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < image.getHeight(); y++) {
                alpha.getSamples(alpha.getMinX(), alpha.getMinY() + y, width, 1, 0, row);
                for (int value : row) {
                    if (value < opaque) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        // Palettes with tRNS (no separate alpha raster) and exotic sample types: ask for ARGB row by row.
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int argb : row) {
                if (argb >>> 24 < 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }
}
