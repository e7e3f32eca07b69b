package io.wanstudio.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: alive while the app runs; ready when the database answers and media can be written. */
@ApplicationScoped
public class HealthChecks {
    @Resource(lookup = "java:app/jdbc/wan")
    DataSource dataSource;

    @Inject
    DataDirectory dataDirectory;

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("wan-studio");
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return HealthCheckResponse.named("database").status(c.isValid(2)).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName())
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck mediaWritable() {
        return () -> {
            Path media = dataDirectory.folder("media");
            try {
                Path probe = Files.createTempFile(media, ".health", ".tmp");
                Files.delete(probe);
                return HealthCheckResponse.up("media-store");
            } catch (Exception e) {
                return HealthCheckResponse.named("media-store").down().withData("path", media.toString()).build();
            }
        };
    }
}
