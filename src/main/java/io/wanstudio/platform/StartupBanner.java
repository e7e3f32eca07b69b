package io.wanstudio.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Says on the console, once the web context exists (so the context root is known), where the studio is, which
 * provider it talks to and where its data lives.
 */
@WebListener
public class StartupBanner implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Inject
    ProviderMode mode;

    @Inject
    DataDirectory dataDirectory;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!mode.simulatorOnly()) {
            LOG.info("Wan Studio: pages and API at " + mode.publicBaseUrl() + "/");
        }
        LOG.info("Wan Studio: " + mode.describe());
        LOG.info("Wan Studio: data directory " + dataDirectory.root());
    }
}
