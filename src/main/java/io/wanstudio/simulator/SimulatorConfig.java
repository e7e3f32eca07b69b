package io.wanstudio.simulator;

import io.wanstudio.platform.ProviderMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The simulator's settings (MicroProfile Config, keys {@code wan.simulator.*}); defaults live here. */
@ApplicationScoped
public class SimulatorConfig {
    @Inject
    ProviderMode providerMode;

    /** Comma list; when set, only these API keys are accepted (else any non-blank key is). */
    @Inject
    @ConfigProperty(name = "wan.simulator.accepted-keys")
    Optional<String> acceptedKeys;

    /** Comma list of origins the simulator may fetch media from although they are local (SSRF guard). */
    @Inject
    @ConfigProperty(name = "wan.simulator.fetch-allow")
    Optional<String> fetchAllow;

    @Inject
    @ConfigProperty(name = "wan.simulator.fetch-timeout-seconds", defaultValue = "30")
    int fetchTimeoutSeconds;

    /** Base of result links (…/simulator); by default the address the poll came in on. */
    @Inject
    @ConfigProperty(name = "wan.simulator.links-base-url")
    Optional<String> linksBaseUrl;

    /** Test switch: serves {@code /simulator/_control/*} (submission counts, faults at run time). */
    @Inject
    @ConfigProperty(name = "wan.simulator.control", defaultValue = "false")
    boolean control;

    @Inject
    @ConfigProperty(name = "wan.simulator.fps", defaultValue = "8")
    int fps;

    @Inject
    @ConfigProperty(name = "wan.simulator.max-long-side", defaultValue = "480")
    int maxLongSide;

    /** Zero bytes added to every result video (for transfer benchmarks); 0 = none. */
    @Inject
    @ConfigProperty(name = "wan.simulator.result-padding-bytes", defaultValue = "0")
    long resultPaddingBytes;

    @Inject
    @ConfigProperty(name = "wan.simulator.queued-seconds", defaultValue = "2")
    int queuedSeconds;

    @Inject
    @ConfigProperty(name = "wan.simulator.processing-seconds", defaultValue = "12")
    int processingSeconds;

    @Inject
    @ConfigProperty(name = "wan.simulator.video-url-ttl", defaultValue = "3600")
    int videoUrlTtlSeconds;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.server-error-rate", defaultValue = "0")
    double serverErrorRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.rate-limit-burst", defaultValue = "0")
    int rateLimitBurst;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.retry-after-seconds", defaultValue = "2")
    int retryAfterSeconds;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.outage-seconds", defaultValue = "0")
    int outageSeconds;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.latency-ms", defaultValue = "0")
    long latencyMs;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.malformed-rate", defaultValue = "0")
    double malformedRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.bad-gateway-rate", defaultValue = "0")
    double badGatewayRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.gateway-timeout-rate", defaultValue = "0")
    double gatewayTimeoutRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.error-after-create-rate", defaultValue = "0")
    double errorAfterCreateRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.drop-rate", defaultValue = "0")
    double dropRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.reset-rate", defaultValue = "0")
    double resetRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.slow-answer-rate", defaultValue = "0")
    double slowAnswerRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.slow-answer-ms", defaultValue = "" + FaultSettings.DEFAULT_SLOW_ANSWER_MS)
    long slowAnswerMs;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.no-video-url-rate", defaultValue = "0")
    double noVideoUrlRate;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.ttl-as-number", defaultValue = "false")
    boolean ttlAsNumber;

    @Inject
    @ConfigProperty(name = "wan.simulator.fault.scope", defaultValue = "all")
    String scope;

    public Set<String> acceptedKeys() {
        return Set.copyOf(commaList(acceptedKeys));
    }

    public List<URI> fetchAllow() {
        List<String> origins = commaList(fetchAllow);
        if (origins.isEmpty()) {
            origins = List.of(providerMode.publicBaseUrl());
        }
        return origins.stream().map(URI::create).toList();
    }

    public int fetchTimeoutSeconds() {
        return fetchTimeoutSeconds;
    }

    public Optional<String> linksBaseUrl() {
        return linksBaseUrl.map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public boolean controlEnabled() {
        return control;
    }

    public int fps() {
        return fps;
    }

    public int maxLongSide() {
        return maxLongSide;
    }

    public long resultPaddingBytes() {
        return resultPaddingBytes;
    }

    /** The configured faults and timings; the control endpoint's reset returns to these. */
    public FaultSettings defaultFaults() {
        return new FaultSettings(serverErrorRate, badGatewayRate, gatewayTimeoutRate, rateLimitBurst,
                retryAfterSeconds, outageSeconds, latencyMs, malformedRate, errorAfterCreateRate, dropRate, resetRate,
                slowAnswerRate, slowAnswerMs, noVideoUrlRate, ttlAsNumber, FaultSettings.Scope.parse(scope),
                videoUrlTtlSeconds, queuedSeconds, processingSeconds);
    }

    private static List<String> commaList(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList())).orElse(List.of());
    }
}
