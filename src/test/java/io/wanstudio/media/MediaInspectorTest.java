package io.wanstudio.media;

import static io.wanstudio.testing.TestMedia.ffmpeg;
import static io.wanstudio.testing.TestMedia.opaqueImage;
import static io.wanstudio.testing.TestMedia.writeImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.wanstudio.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.spi.IIORegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaInspectorTest {
    @TempDir
    Path dir;

    @Test
    void opaquePng() throws Exception {
        Path file = writeImage(opaqueImage(320, 200), "png", dir.resolve("a.png"));

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info).isEqualTo(new MediaInfo(MediaKind.IMAGE, "png", 320, 200, 0, Files.size(file), false));
    }

    @Test
    void pngWithAlphaChannelButEveryPixelOpaqueIsNotTransparent() throws Exception {
        BufferedImage image = new BufferedImage(300, 240, BufferedImage.TYPE_INT_ARGB);
        image.createGraphics().drawImage(opaqueImage(300, 240), 0, 0, null);

        MediaInfo info = MediaInspector.inspect(writeImage(image, "png", dir.resolve("a.png")));

        assertThat(info.transparent()).isFalse();
    }

    @Test
    void pngWithOneSemiTransparentPixelIsTransparent() throws Exception {
        BufferedImage image = new BufferedImage(300, 240, BufferedImage.TYPE_INT_ARGB);
        image.createGraphics().drawImage(opaqueImage(300, 240), 0, 0, null);
        image.setRGB(299, 239, 0xFE_FF_00_00);

        MediaInfo info = MediaInspector.inspect(writeImage(image, "png", dir.resolve("a.png")));

        assertThat(info.transparent()).isTrue();
    }

    @Test
    void palettePngWithTransparentIndexInUseIsTransparent() throws Exception {
        BufferedImage image = paletteImage(400, 300);
        image.getRaster().setSample(10, 10, 0, 1); // the transparent index (tRNS)

        MediaInfo info = MediaInspector.inspect(writeImage(image, "png", dir.resolve("a.png")));

        assertThat(info.format()).isEqualTo("png");
        assertThat(info.transparent()).isTrue();
    }

    @Test
    void palettePngWhoseTransparentIndexIsUnusedIsNotTransparent() throws Exception {
        MediaInfo info = MediaInspector.inspect(writeImage(paletteImage(400, 300), "png", dir.resolve("a.png")));

        assertThat(info.transparent()).isFalse();
    }

    @Test
    void rgbPngWithTransparentColourChunkIsTransparentWhereThatColourIsUsed() throws Exception {
        BufferedImage image = opaqueImage(300, 240);
        image.setRGB(5, 5, 0xFF00FF);

        MediaInfo info = MediaInspector.inspect(writePngWithTransparentColour(image, 0xFF, 0x00, 0xFF));

        assertThat(info.transparent()).isTrue();
    }

    @Test
    void rgbPngWithTransparentColourChunkButNoSuchPixelIsNotTransparent() throws Exception {
        MediaInfo info = MediaInspector.inspect(writePngWithTransparentColour(opaqueImage(300, 240), 0xFF, 0, 0xFF));

        assertThat(info.transparent()).isFalse();
    }

    @Test
    void transparencyInTheLastRowOfAnImageDecodedInBandsIsFound() throws Exception {
        // 4100×4100 is above the per-band pixel budget, so it is read in two bands
        BufferedImage image = paletteImage(4100, 4100);
        image.getRaster().setSample(4099, 4099, 0, 1);

        MediaInfo info = MediaInspector.inspect(writeImage(image, "png", dir.resolve("big.png")));

        assertThat(info.width()).isEqualTo(4100);
        assertThat(info.transparent()).isTrue();
    }

    @Test
    void jpegJudgedByContentNotByName() throws Exception {
        Path file = writeImage(opaqueImage(640, 480), "jpeg", dir.resolve("photo.png"));

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info).isEqualTo(new MediaInfo(MediaKind.IMAGE, "jpeg", 640, 480, 0, Files.size(file), false));
    }

    @Test
    void bmp() throws Exception {
        Path file = writeImage(opaqueImage(250, 260), "bmp", dir.resolve("a.bmp"));

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info).isEqualTo(new MediaInfo(MediaKind.IMAGE, "bmp", 250, 260, 0, Files.size(file), false));
    }

    @Test
    void opaqueWebp() throws Exception {
        Path file = ffmpeg(dir.resolve("a.webp"), "-f", "lavfi", "-i", "color=red:s=300x250", "-frames:v", "1",
                "-c:v", "libwebp");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info).isEqualTo(new MediaInfo(MediaKind.IMAGE, "webp", 300, 250, 0, Files.size(file), false));
    }

    @Test
    void webpWithAlpha() throws Exception {
        Path file = ffmpeg(dir.resolve("a.webp"), "-f", "lavfi", "-i", "color=red@0.5:s=300x250,format=rgba",
                "-frames:v", "1", "-c:v", "libwebp");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.format()).isEqualTo("webp");
        assertThat(info.transparent()).isTrue();
    }

    @Test
    void webpIsReadEvenWhenImageIosScanMissedTheTwelveMonkeysPlugin() throws Exception {
        Path file = ffmpeg(dir.resolve("a.webp"), "-f", "lavfi", "-i", "color=red:s=300x250", "-frames:v", "1",
                "-c:v", "libwebp");
        // what an app server thread whose context class loader cannot see the WAR's jars ends up with
        IIORegistry registry = IIORegistry.getDefaultInstance();
        WebPImageReaderSpi webp = registry.getServiceProviderByClass(WebPImageReaderSpi.class);
        registry.deregisterServiceProvider(webp);
        try {
            assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isFalse();

            assertThat(MediaInspector.inspect(file).format()).isEqualTo("webp");
        } finally {
            // the registry is JVM-wide: the tests that run after this one get it as it was
            if (registry.getServiceProviderByClass(WebPImageReaderSpi.class) == null) {
                registry.registerServiceProvider(webp);
            }
        }
        assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isTrue();
    }

    @Test
    void mp4MadeByJcodec() throws Exception {
        Path file = TestMedia.mp4(dir.resolve("clip.bin"), 320, 180, 8, 24);

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(info.format()).isEqualTo("mp4");
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(180);
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.01));
        assertThat(info.sizeBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void movIsToldApartFromMp4() throws Exception {
        Path file = ffmpeg(dir.resolve("clip.mp4"), "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2.5",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mov");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.format()).isEqualTo("mov");
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.durationSeconds()).isCloseTo(2.5, within(0.05));
    }

    @Test
    void portraitPhoneVideoReportsTheShownSize() throws Exception {
        Path landscape = ffmpeg(dir.resolve("l.mp4"), "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path turned = ffmpeg(dir.resolve("p.mp4"), "-i", landscape.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90");

        MediaInfo info = MediaInspector.inspect(turned);

        assertThat(info.width()).isEqualTo(240);
        assertThat(info.height()).isEqualTo(320);
    }

    @Test
    void mp4WithoutVideoTrackIsRefused() throws Exception {
        Path file = ffmpeg(dir.resolve("a.m4a"), "-f", "lavfi", "-i", "sine=duration=3", "-c:a", "aac");

        assertThatThrownBy(() -> MediaInspector.inspect(file))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("no video track");
    }

    @Test
    void wav() throws Exception {
        Path file = TestMedia.wav(dir.resolve("voice.mp3"), 2.5);

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(info.format()).isEqualTo("wav");
        assertThat(info.durationSeconds()).isCloseTo(2.5, within(0.01));
        assertThat(info.sizeBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void mp3WithId3Tag() throws Exception {
        Path file = ffmpeg(dir.resolve("a.mp3"), "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
                "-c:a", "libmp3lame");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.format()).isEqualTo("mp3");
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.1));
    }

    @Test
    void bareMp3WithoutTagOrExtension() throws Exception {
        Path file = ffmpeg(dir.resolve("audio.bin"), "-f", "lavfi", "-i", "sine=frequency=440:duration=4",
                "-c:a", "libmp3lame", "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info.format()).isEqualTo("mp3");
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.1));
    }

    @Test
    void textFileNamedPngIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("fake.png"), "just some text, not an image", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MediaInspector.inspect(file))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("This is not a supported image, video or audio file "
                        + "(JPEG, PNG, BMP, WEBP, MP4, MOV, WAV, MP3).");
    }

    @Test
    void truncatedPngIsRefused() throws Exception {
        byte[] png = Files.readAllBytes(writeImage(opaqueImage(320, 200), "png", dir.resolve("a.png")));
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, 20));

        assertThatThrownBy(() -> MediaInspector.inspect(file)).isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void jpegCutShortIsRefusedAsDamaged() throws Exception {
        // ImageIO's JPEG reader decodes such a file with a grey bottom and only warns
        byte[] jpeg = Files.readAllBytes(writeImage(opaqueImage(1200, 900), "jpeg", dir.resolve("a.jpg")));
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));

        assertThatThrownBy(() -> MediaInspector.inspect(file))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("The image is damaged or incomplete (it could not be decoded).");
    }

    @Test
    void pngWithGarbledImageDataIsRefusedAsDamaged() throws Exception {
        byte[] png = Files.readAllBytes(writeImage(opaqueImage(800, 600), "png", dir.resolve("a.png")));
        int data = new String(png, StandardCharsets.ISO_8859_1).indexOf("IDAT") + 4;
        int length = ByteBuffer.wrap(png, data - 8, 4).getInt();
        for (int i = data + length / 2; i < data + length / 2 + 8; i++) {
            png[i] ^= 0x5A; // the chunk's CRC no longer matches either
        }
        Path file = Files.write(dir.resolve("garbled.png"), png);

        assertThatThrownBy(() -> MediaInspector.inspect(file))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("damaged or incomplete");
    }

    @Test
    void pngCutInsideItsImageDataIsRefusedAsDamaged() throws Exception {
        byte[] png = Files.readAllBytes(writeImage(opaqueImage(800, 600), "png", dir.resolve("a.png")));
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 200));

        assertThatThrownBy(() -> MediaInspector.inspect(file))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("damaged or incomplete");
    }

    @Test
    void largeValidPhotoIsAccepted() throws Exception {
        // 24 megapixels: decoded subsampled to prove it whole, never held at full size
        Path file = ffmpeg(dir.resolve("big.jpg"), "-f", "lavfi", "-i", "testsrc=size=6000x4000", "-frames:v", "1",
                "-q:v", "3");

        MediaInfo info = MediaInspector.inspect(file);

        assertThat(info).isEqualTo(new MediaInfo(MediaKind.IMAGE, "jpeg", 6000, 4000, 0, Files.size(file), false));
    }

    @Test
    void onlyWarningsAboutBrokenDataCountAsDamage() {
        assertThat(ImageProbe.reportsDamage("Premature end of JPEG file")).isTrue();
        assertThat(ImageProbe.reportsDamage("Corrupt JPEG data: premature end of data segment")).isTrue();
        assertThat(ImageProbe.reportsDamage("Truncated File - Missing EOI marker")).isTrue();
        assertThat(ImageProbe.reportsDamage("Corrupt JPEG data: 1 extraneous bytes before marker 0xd9")).isFalse();
        assertThat(ImageProbe.reportsDamage("Image contains an ICC color profile that is incompatible with Java 2D, "
                + "color profile will be ignored.")).isFalse();
    }

    @Test
    void truncatedMp4IsRefused() throws Exception {
        byte[] mp4 = Files.readAllBytes(TestMedia.mp4(dir.resolve("a.mp4"), 320, 180, 8, 8));
        Path file = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(mp4, 40));

        assertThatThrownBy(() -> MediaInspector.inspect(file)).isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.wav"));

        assertThatThrownBy(() -> MediaInspector.inspect(file)).isInstanceOf(UnsupportedMediaException.class);
    }

    /** An RGB PNG with a tRNS chunk naming one colour transparent (what some tools write instead of alpha). */
    private Path writePngWithTransparentColour(BufferedImage image, int red, int green, int blue) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
        IIOMetadataNode rgb = new IIOMetadataNode("tRNS_RGB");
        rgb.setAttribute("red", Integer.toString(red));
        rgb.setAttribute("green", Integer.toString(green));
        rgb.setAttribute("blue", Integer.toString(blue));
        IIOMetadataNode trns = new IIOMetadataNode("tRNS");
        trns.appendChild(rgb);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(trns);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        Path file = dir.resolve("trns.png");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains("tRNS");
        return file;
    }

    /** An 8-bit palette image: index 0 is opaque blue, index 1 fully transparent (written as PLTE + tRNS). */
    private static BufferedImage paletteImage(int width, int height) {
        byte[] r = {0, 0};
        byte[] g = {0, 0};
        byte[] b = {(byte) 200, 0};
        IndexColorModel palette = new IndexColorModel(8, 2, r, g, b, 1);
        return new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
    }
}
