package io.wanstudio.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API for automation lives under /api. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
