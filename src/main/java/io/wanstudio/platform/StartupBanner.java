package io.wanstudio.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Once the web context exists: tells {@link ProviderMode} the context root the app was deployed at, and says on
 * the console where the studio is, which provider it talks to and where its data lives.
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
        mode.deployedAt(event.getServletContext().getContextPath());
        if (!mode.simulatorOnly()) {
            LOG.info("Wan Studio: pages and API at " + mode.publicBaseUrl() + "/");
        }
        LOG.info("Wan Studio: " + mode.describe());
        LOG.info("Wan Studio: data directory " + dataDirectory.root());
        mode.unreachableUploadLinks().ifPresent(problem -> LOG.warning("Wan Studio: " + problem));
    }
}
