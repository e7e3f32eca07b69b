package io.wanstudio.media;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one SSRF-guarded fetcher for URLs users give as inputs (checked before a task is sent, or imported as an
 * upload), configured once: which local origins are allowed anyway, and how long to wait on a server.
 */
@ApplicationScoped
public class InputFetcher {
    @Inject
    @ConfigProperty(name = "wan.fetch.allowed-origins")
    Optional<String> allowedOrigins; // comma list (an injected Optional<List> throws in Payara)

    @Inject
    @ConfigProperty(name = "wan.fetch.timeout-seconds", defaultValue = "30")
    long timeoutSeconds;

    private SafeUrlFetcher fetcher;

    @PostConstruct
    void init() {
        List<URI> origins = allowedOrigins.stream().flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(o -> !o.isEmpty()).map(URI::create).toList();
        fetcher = new SafeUrlFetcher(origins, Duration.ofSeconds(timeoutSeconds));
    }

    /** See {@link SafeUrlFetcher#fetchTo}: streams {@code url} into {@code target}, at most {@code maxBytes}. */
    public BoundedFile.Written fetchTo(URI url, Path target, long maxBytes) throws FetchRefusedException {
        return fetcher.fetchTo(url, target, maxBytes);
    }
}
