package io.wanstudio.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Says on the console, once, which provider this process talks to and where its data lives. */
@Singleton
@Startup
public class StartupBanner {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Inject
    ProviderMode mode;

    @Inject
    DataDirectory dataDirectory;

    @PostConstruct
    void announce() {
        LOG.info("Wan Studio: " + mode.describe());
        LOG.info("Wan Studio: data directory " + dataDirectory.root());
    }
}
