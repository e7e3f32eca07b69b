package io.wanstudio.it;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Opaque PNG images made on the fly, for uploads in tests. */
final class TestImages {
    private TestImages() {
    }

    static byte[] opaquePng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 60, 140), width, height, new Color(220, 120, 60)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(255, 230, 150));
        g.fillOval(width / 3, height / 4, width / 3, height / 2);
        g.dispose();
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path opaquePngFile(Path folder, String name, int width, int height) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), opaquePng(width, height));
    }
}
