package io.wanstudio.media;

import com.twelvemonkeys.imageio.plugins.bmp.BMPImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.util.function.Supplier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Makes sure the TwelveMonkeys readers (WEBP, BMP, CMYK-capable JPEG) are in ImageIO's registry. ImageIO finds
 * plugins through the context class loader of whichever thread first touches it; inside an app server that may
 * be a server thread that cannot see the WAR's libraries, so we register them ourselves instead of relying on
 * {@code ImageIO.scanForPlugins()}. Checked on every use (three map look-ups), so it also heals after a redeploy
 * or anything else that deregistered them.
 */
final class ImagePlugins {
    private ImagePlugins() {
    }

    static synchronized void ensureRegistered() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registerIfMissing(registry, WebPImageReaderSpi.class, WebPImageReaderSpi::new);
        registerIfMissing(registry, BMPImageReaderSpi.class, BMPImageReaderSpi::new);
        registerIfMissing(registry, JPEGImageReaderSpi.class, JPEGImageReaderSpi::new);
    }

    /** Takes our readers out of the JVM-wide registry, so that an undeployed app's class loader can be freed. */
    static synchronized void deregister() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (Class<? extends ImageReaderSpi> type : java.util.List.of(WebPImageReaderSpi.class,
                BMPImageReaderSpi.class, JPEGImageReaderSpi.class)) {
            ImageReaderSpi spi = registry.getServiceProviderByClass(type);
            if (spi != null) {
                registry.deregisterServiceProvider(spi, ImageReaderSpi.class);
            }
        }
    }

    private static <T extends ImageReaderSpi> void registerIfMissing(IIORegistry registry, Class<T> type,
            Supplier<T> factory) {
        if (registry.getServiceProviderByClass(type) == null) {
            // TwelveMonkeys SPIs order themselves ahead of the JDK's readers in onRegistration.
            registry.registerServiceProvider(factory.get(), ImageReaderSpi.class);
        }
    }
}
