package io.wanstudio.media;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/** Size and transparency of a JPEG, PNG, BMP or WEBP through ImageIO. */
final class ImageProbe {
    /** The largest image the provider accepts (8000×8000); bigger ones are refused by size, never decoded. */
    private static final long MAX_DECODED_PIXELS = 8000L * 8000L;
    /** Pixels decoded at a time when looking for transparency: bounds memory to tens of MB per band. */
    private static final long BAND_PIXELS = 16L * 1024 * 1024;

    private ImageProbe() {
    }

    static MediaInfo inspect(Path file, String format, long size) throws UnsupportedMediaException {
        ImagePlugins.ensureRegistered();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + "; is TwelveMonkeys deployed?");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            // Metadata ignored (also skips text chunks, a zip-bomb vector); the JDK's PNG reader still reads
            // tRNS then, as it needs it to decode. Not seek-forward-only: bands re-read the image data.
            reader.setInput(in, false, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED);
            }
            boolean transparent = declaresAlpha(reader) && hasTransparentPixel(reader, width, height);
            return new MediaInfo(MediaKind.IMAGE, format, width, height, 0, size, transparent);
        } catch (IOException | RuntimeException e) {
            // Image readers signal damaged input with all sorts of unchecked exceptions too.
            throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED, e);
        } finally {
            reader.dispose();
        }
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
