package io.wanstudio.media;

import io.wanstudio.platform.ProviderMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses where media are stored: an S3-compatible bucket when {@code wan.s3.bucket} is set, else local disk. */
@ApplicationScoped
public class MediaStorages {
    private static final Logger LOG = Logger.getLogger(MediaStorages.class.getName());

    @Inject
    ProviderMode mode;

    @Inject
    UrlSigner signer;

    @Inject
    @ConfigProperty(name = "wan.s3.bucket")
    Optional<String> bucket;

    @Inject
    @ConfigProperty(name = "wan.s3.endpoint")
    Optional<String> endpoint;

    @Inject
    @ConfigProperty(name = "wan.s3.region", defaultValue = "us-east-1")
    String region;

    @Inject
    @ConfigProperty(name = "wan.s3.access-key")
    Optional<String> accessKey;

    @Inject
    @ConfigProperty(name = "wan.s3.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "wan.s3.path-style", defaultValue = "false")
    boolean pathStyle;

    @Produces
    @ApplicationScoped
    MediaStorage storage() {
        Optional<String> name = bucket.map(String::trim).filter(b -> !b.isEmpty());
        if (name.isEmpty()) {
            return new LocalMediaStorage(mode::publicBaseUrl, signer, Clock.systemUTC());
        }
        var settings = new S3MediaStorage.Settings(endpoint.map(String::trim).filter(e -> !e.isEmpty())
                .map(URI::create), name.get(), region.trim(), nonBlank(accessKey), nonBlank(secretKey), pathStyle);
        var storage = new S3MediaStorage(settings);
        try {
            storage.ensureBucket();
        } catch (RuntimeException e) {
            // not fatal at start: the store may come up later; uploads say so until it does
            LOG.log(Level.WARNING, "Wan Studio: the S3 bucket " + name.get() + " could not be checked: "
                    + e.getMessage());
        }
        LOG.info("Wan Studio: media stored in S3 bucket " + name.get()
                + settings.endpoint().map(e -> " at " + e).orElse(""));
        return storage;
    }

    /** Chosen at start, so the console says which store is used and a wrong S3 setting shows at once. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started, MediaStorage storage) {
        storage.shared();
    }

    void close(@Disposes MediaStorage storage) {
        if (storage instanceof S3MediaStorage s3) {
            s3.close();
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
