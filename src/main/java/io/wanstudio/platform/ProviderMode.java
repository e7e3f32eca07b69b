package io.wanstudio.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which provider this process talks to and which parts it serves. With {@code NOVITA_API_KEY} set, the app talks
 * to Novita (or {@code NOVITA_BASE_URL}) and the simulator is not served; without it the built-in simulator is the
 * provider. {@code WAN_ROLE=simulator} runs the simulator alone (no pages, no poller), e.g. on another port.
 */
@ApplicationScoped
public class ProviderMode {
    /** Key the app sends to its own simulator; the simulator accepts any non-empty key. */
    static final String SIMULATOR_KEY = "wan-studio-simulator";
    static final String NOVITA_URL = "https://api.novita.ai";

    @Inject
    @ConfigProperty(name = "novita.api-key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "novita.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "wan.public-base-url")
    Optional<String> publicBaseUrl;

    /** Set by Payara to the HTTP port it listens on. */
    @Inject
    @ConfigProperty(name = "payara.instance.http.port", defaultValue = "8080")
    int httpPort;

    /** Where the app is deployed: "" at the root, "/wan-studio" for a WAR deployed under its name. */
    private volatile String contextPath = "";

    @Inject
    @ConfigProperty(name = "wan.role", defaultValue = "app")
    String role;

    /** Set when an S3-compatible store hands inputs to the provider instead of this studio's own links. */
    @Inject
    @ConfigProperty(name = "wan.s3.bucket")
    Optional<String> objectStoreBucket;

    public boolean usesRealKey() {
        return apiKey.filter(k -> !k.isBlank()).isPresent();
    }

    /** The simulator's endpoints are served when no key is configured, or when this process is the simulator. */
    public boolean servesSimulator() {
        return simulatorOnly() || !usesRealKey();
    }

    /** True when this process runs the simulator alone: no pages, API or poller. */
    public boolean simulatorOnly() {
        return "simulator".equalsIgnoreCase(role.trim());
    }

    public String apiKey() {
        return usesRealKey() ? apiKey.get().trim() : SIMULATOR_KEY;
    }

    public URI providerBaseUrl() {
        String url = baseUrl.filter(u -> !u.isBlank())
                .orElseGet(() -> usesRealKey() ? NOVITA_URL : publicBaseUrl() + "/simulator");
        return URI.create(stripSlash(url));
    }

    /**
     * The app's own address as the provider sees it (links to uploads); no trailing slash. Unless configured, this
     * process's own port and context root on localhost — right for the built-in simulator, never for Novita.
     */
    public String publicBaseUrl() {
        return stripSlash(publicBaseUrl.filter(u -> !u.isBlank()).map(String::trim)
                .orElseGet(() -> "http://localhost:" + httpPort + contextPath));
    }

    /**
     * Why the provider could not fetch files uploaded here, when that is so: a real key, no object store, and a
     * public base URL that nothing on the internet reaches (the default {@code http://localhost:8080} among them).
     * Empty otherwise. Never contains the key.
     */
    public Optional<String> unreachableUploadLinks() {
        if (!usesRealKey() || simulatorOnly() || objectStoreBucket.filter(b -> !b.isBlank()).isPresent()
                || !PublicReach.isLocalOnly(publicBaseUrl())) {
            return Optional.empty();
        }
        return Optional.of("Uploaded files are handed to Novita as links under " + publicBaseUrl()
                + ", an address Novita cannot reach from the internet, so tasks with uploads will fail. Set "
                + "WAN_PUBLIC_BASE_URL to the studio's public address (e.g. behind your reverse proxy) or configure "
                + "an S3-compatible store (WAN_S3_BUCKET), or give inputs as public URLs.");
    }

    /** Told once the web context exists (see {@link StartupBanner}), before any page, API call or poll. */
    void deployedAt(String contextPath) {
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    /** One line for the console and the health page; never the key. */
    public String describe() {
        if (simulatorOnly()) {
            return "Wan Studio runs as the Novita simulator only, under " + publicBaseUrl() + "/simulator";
        }
        return usesRealKey()
                ? "Provider: Novita AI at " + providerBaseUrl() + " (NOVITA_API_KEY is set)"
                : "Provider: built-in Novita simulator at " + providerBaseUrl()
                        + " (NOVITA_API_KEY is not set; no real task is paid for)";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
