package io.wanstudio.provider;

import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientProperties;

/**
 * The app's one door to Novita, carrying the fault-tolerance policies. A poll is retried with back-off and jitter
 * behind a circuit breaker and a timeout. The paid submit is resent only when the request provably never left
 * (the connection could not be made) or was refused with 429; every other failure is reported, never retried
 * blindly.
 * Policies can be tuned per MP Fault Tolerance config, e.g. {@code io.wanstudio.provider.NovitaGateway/poll/CircuitBreaker/delay}.
 *
 * <p>On the wire: the Rest Client runs on Jersey's Apache HttpClient 5 connector with automatic retries off, never on
 * Jersey's default (the JDK's HttpURLConnection, which silently resends a POST once when reading the answer fails).
 * Submits also never reuse a pooled connection, so a failure is either "could not connect" (provably not sent) or
 * "the request may have arrived": there is no third case of a stale connection that swallowed it.
 */
@ApplicationScoped
public class NovitaGateway {
    /** The longest we wait in-line for a Retry-After before letting the retry policy try again. */
    private static final long MAX_INLINE_WAIT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(NovitaGateway.class.getName());

    @Inject
    ProviderMode mode;

    @Inject
    @ConfigProperty(name = "novita.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "novita.read-timeout-ms", defaultValue = "90000")
    long readTimeoutMs;

    /**
     * A poll's socket gives up before its {@link #POLL_TIMEOUT_MS}: the connector's blocking read ignores the
     * interrupt of {@code @Timeout}, so without it a hung provider would hold a poll (and its task's claim) for the
     * whole read timeout.
     */
    @Inject
    @ConfigProperty(name = "novita.poll-read-timeout-ms", defaultValue = "15000")
    long pollReadTimeoutMs;

    static final long POLL_TIMEOUT_MS = 20000;

    /** Fresh connection per paid POST. */
    private NovitaApi submitApi;
    /** Pooled connections for the many polls. */
    private NovitaApi pollApi;

    @PostConstruct
    void connect() {
        submitApi = client(false, readTimeoutMs);
        pollApi = client(true, Math.min(pollReadTimeoutMs, POLL_TIMEOUT_MS - 1000));
    }

    private NovitaApi client(boolean reuseConnections, long readTimeout) {
        var builder = RestClientBuilder.newBuilder()
                .baseUri(mode.providerBaseUrl())
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout, TimeUnit.MILLISECONDS)
                // Error answers are read by NovitaResponses, not turned into WebApplicationExceptions.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .property(ClientProperties.CONNECTOR_PROVIDER, Apache5ConnectorProvider.class.getName())
                .property(Apache5ClientProperties.USE_SYSTEM_PROPERTIES, false)
                .register((Apache5HttpClientBuilderConfigurator) http -> http.disableAutomaticRetries());
        if (!reuseConnections) {
            builder.property(Apache5ClientProperties.REUSE_STRATEGY,
                    (ConnectionReuseStrategy) (request, response, context) -> false);
        }
        return builder.build(NovitaApi.class);
    }

    @PreDestroy
    void close() {
        for (NovitaApi api : new NovitaApi[] {submitApi, pollApi}) {
            if (api instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
        }
    }

    /**
     * Sends the paid POST and returns the provider's task id.
     *
     * @throws ProviderException.Refused        the provider refused the input (nothing created)
     * @throws ProviderException.Unauthorized   the key is missing or wrong
     * @throws ProviderException.RateLimited    still rate-limited after the allowed retries
     * @throws ProviderException.NotSent        the provider could not be reached after the allowed retries
     * @throws ProviderException.OutcomeUnknown the POST may have created a task: never resend it blindly
     */
    @Retry(maxRetries = 3, delay = 1000, jitter = 500, maxDuration = 60000,
            retryOn = {ProviderException.NotSent.class, ProviderException.RateLimited.class})
    public String submit(NovitaSubmitRequest request) {
        Response response;
        try {
            response = submitApi.submit(authorization(), request);
        } catch (ProcessingException e) {
            if (provablyNotSent(e)) {
                throw new ProviderException.NotSent("The provider could not be reached: " + rootMessage(e), e);
            }
            throw new ProviderException.OutcomeUnknown(lostAnswer(e), e);
        }
        try (response) {
            String body;
            try {
                body = readBody(response);
            } catch (ProcessingException e) {
                throw new ProviderException.OutcomeUnknown("the connection broke while the provider's answer (HTTP "
                        + response.getStatus() + ") was arriving", e);
            }
            if (response.getStatus() == 200) {
                return NovitaResponses.taskId(body).orElseThrow(() -> {
                    LOG.warning(() -> "Submit answered 200 without a task id: " + NovitaResponses.excerpt(body));
                    return new ProviderException.OutcomeUnknown("the provider answered HTTP 200 without a task id",
                            null);
                });
            }
            ProviderException error = NovitaResponses.error(response.getStatus(), body,
                    response.getHeaderString("Retry-After"), true);
            if (error instanceof ProviderException.RateLimited limited) {
                waitFor(limited.retryAfterSeconds());
            }
            throw error;
        }
    }

    /**
     * Asks the provider how a task is doing.
     *
     * @throws ProviderException.Transient    a passing failure after the retries (counted by the breaker)
     * @throws ProviderException.RateLimited  retry after the given time (not a failure of the provider)
     * @throws ProviderException.TaskNotFound the provider does not know the task
     * @throws ProviderException.Unauthorized the key is missing or wrong
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = ProviderException.Transient.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10000, successThreshold = 2,
            failOn = {ProviderException.Transient.class, TimeoutException.class})
    @Timeout(POLL_TIMEOUT_MS)
    public ProviderTaskStatus poll(String providerTaskId) {
        Response response;
        try {
            response = pollApi.taskResult(authorization(), providerTaskId);
        } catch (ProcessingException e) {
            throw new ProviderException.Transient("The provider could not be asked: " + rootMessage(e), e);
        }
        try (response) {
            String body;
            try {
                body = readBody(response);
            } catch (ProcessingException e) {
                throw new ProviderException.Transient("The provider's answer broke off: " + rootMessage(e), e);
            }
            if (response.getStatus() == 200) {
                return NovitaResponses.taskStatus(body);
            }
            throw NovitaResponses.error(response.getStatus(), body, response.getHeaderString("Retry-After"), false);
        }
    }

    private String authorization() {
        return "Bearer " + mode.apiKey();
    }

    private static String readBody(Response response) {
        return response.hasEntity() ? response.readEntity(String.class) : "";
    }

    /** What happened to a submit that got no answer, in words for the person who has to check it. */
    private String lostAnswer(Throwable e) {
        IOException io = firstIoException(e);
        if (io instanceof SocketTimeoutException) {
            return "the provider did not answer within " + readTimeoutMs / 1000 + " s";
        }
        if (io instanceof NoHttpResponseException) {
            return "the connection closed before the provider answered";
        }
        return "the connection broke before the provider's answer arrived ("
                + (io == null ? rootMessage(e) : io.getClass().getSimpleName()) + ")";
    }

    /**
     * Only a connection that was never made proves that no byte of the request reached the provider: the name did
     * not resolve, or the connection was refused, unroutable or timed out while connecting. The connector makes one
     * attempt per request (no automatic retries), so this I/O failure is the one of this very request.
     */
    static boolean provablyNotSent(Throwable e) {
        IOException io = firstIoException(e);
        return io instanceof ConnectException || io instanceof NoRouteToHostException
                || io instanceof UnknownHostException || io instanceof ConnectTimeoutException;
    }

    private static IOException firstIoException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static void waitFor(long seconds) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(Math.min(seconds, MAX_INLINE_WAIT_SECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
