package io.wanstudio.media;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** On undeploy, removes the image readers this app put into ImageIO's JVM-wide registry. */
@WebListener
public class ImagePluginsCleanup implements ServletContextListener {
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ImagePlugins.deregister();
    }
}
