package io.wanstudio.provider;

import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The app's one door to Novita, carrying the fault-tolerance policies. A poll is retried with back-off and jitter
 * behind a circuit breaker and a timeout. The paid submit is resent only when the request provably never left
 * (connection refused) or was refused with 429; every other failure is reported, never retried blindly.
 * Policies can be tuned per MP Fault Tolerance config, e.g. {@code io.wanstudio.provider.NovitaGateway/poll/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class NovitaGateway {
    /** The longest we wait in-line for a Retry-After before letting the retry policy try again. */
    private static final long MAX_INLINE_WAIT_SECONDS = 10;

    @Inject
    ProviderMode mode;

    @Inject
    @ConfigProperty(name = "novita.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "novita.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMs;

    private NovitaApi api;

    @PostConstruct
    void connect() {
        api = RestClientBuilder.newBuilder()
                .baseUri(mode.providerBaseUrl())
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
                // Error answers are read by NovitaResponses, not turned into WebApplicationExceptions.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(NovitaApi.class);
    }

    @PreDestroy
    void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down
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
            response = api.submit(authorization(), request);
        } catch (ProcessingException e) {
            if (provablyNotSent(e)) {
                throw new ProviderException.NotSent("The provider could not be reached: " + rootMessage(e), e);
            }
            throw new ProviderException.OutcomeUnknown("No answer from the provider (" + rootMessage(e)
                    + "); the task may have been created", e);
        }
        try (response) {
            String body = readBody(response);
            if (response.getStatus() == 200) {
                return NovitaResponses.taskId(body).orElseThrow(() -> new ProviderException.OutcomeUnknown(
                        "The provider accepted the request but its answer had no task id: "
                                + NovitaResponses.excerpt(body), null));
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
    @Timeout(20000)
    public ProviderTaskStatus poll(String providerTaskId) {
        Response response;
        try {
            response = api.taskResult(authorization(), providerTaskId);
        } catch (ProcessingException e) {
            throw new ProviderException.Transient("The provider could not be asked: " + rootMessage(e), e);
        }
        try (response) {
            String body = readBody(response);
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
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (ProcessingException e) {
            return "";
        }
    }

    /** Only a refused or unroutable connection proves that no byte of the request reached the provider. */
    private static boolean provablyNotSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
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
