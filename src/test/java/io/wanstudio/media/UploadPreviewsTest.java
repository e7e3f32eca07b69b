package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a thumbnail's picture is read and shrunk (the serving and the files are covered by UploadPreviewIT). */
class UploadPreviewsTest {
    @TempDir
    Path folder;

    @Test
    void aWideImageIsDecodedSubsampledNeverFullSize() throws Exception {
        Path wide = Files.write(folder.resolve("wide.jpg"), TestMedia.jpeg(8000, 1000));

        BufferedImage decoded = UploadPreviews.readSubsampled(wide, "jpeg", 960);

        assertThat(decoded.getWidth()).isEqualTo(1000); // every 8th pixel
        assertThat(decoded.getHeight()).isEqualTo(125);
    }

    @Test
    void aCmykJpegIsReadAsColour() throws Exception {
        Path cmyk = TestMedia.cmykJpeg(folder.resolve("cmyk.jpg"), 640, 480);

        BufferedImage thumbnail = UploadPreviews.shrink(UploadPreviews.readSubsampled(cmyk, "jpeg", 960), 480);

        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(360);
        // the white disc in the middle of the test picture stays light, not inverted or tinted by the inks
        int centre = thumbnail.getRGB(240, 180);
        assertThat(centre >> 16 & 0xFF).isGreaterThan(200);
        assertThat(centre >> 8 & 0xFF).isGreaterThan(200);
        assertThat(centre & 0xFF).isGreaterThan(200);
    }

    @Test
    void shrinkingKeepsTheAspectAndNeverEnlarges() {
        BufferedImage tall = TestMedia.opaqueImage(300, 2400);
        BufferedImage small = TestMedia.opaqueImage(320, 240);

        BufferedImage shrunk = UploadPreviews.shrink(tall, 480);
        BufferedImage kept = UploadPreviews.shrink(small, 480);

        assertThat(shrunk.getWidth()).isEqualTo(60);
        assertThat(shrunk.getHeight()).isEqualTo(480);
        assertThat(kept.getWidth()).isEqualTo(320);
        assertThat(kept.getHeight()).isEqualTo(240);
        assertThat(kept.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }
}
