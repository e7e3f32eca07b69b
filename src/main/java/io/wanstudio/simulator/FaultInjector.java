package io.wanstudio.simulator;

import io.wanstudio.simulator.FaultSettings.Endpoint;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides which requests fail, and how, from the current {@link FaultSettings}. State (the rest of a 429 burst,
 * the end of an outage, settings changed at run time) is kept in memory only: a restart returns to the
 * configuration.
 */
@ApplicationScoped
public class FaultInjector {
    @Inject
    SimulatorConfig config;

    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private FaultSettings defaults;
    private FaultSettings current;
    private int burstLeft;
    private Instant outageUntil = Instant.EPOCH;

    /** For CDI. */
    protected FaultInjector() {
    }

    /** For tests: fixed defaults, a controllable clock and dice. */
    FaultInjector(FaultSettings defaults, Clock clock, DoubleSupplier random) {
        this.defaults = defaults;
        this.clock = clock;
        this.random = random;
        reset();
    }

    @PostConstruct
    void init() {
        defaults = config.defaultFaults();
        reset();
    }

    /** Back to the configured settings; a configured outage or burst starts again from now. */
    public synchronized void reset() {
        apply(defaults, true, true);
    }

    /** Changes the fields present in {@code patch}; a given burst or outage (re)starts now. */
    public synchronized FaultSettings update(JsonObject patch) {
        FaultSettings changed = current.with(patch);
        apply(changed, patch.containsKey("rateLimitBurst"), patch.containsKey("outageSeconds"));
        return current;
    }

    public synchronized FaultSettings settings() {
        return current;
    }

    /** What happens to a submit after its task was created, when a fault hits it there. */
    public enum AfterCreate {
        /** 500 CREATE_TASK_FAILED although the task exists. */
        SERVER_ERROR,
        /** The connection is closed without any answer. */
        DROP,
        /** Headers promising more than the part of the body that comes before the connection closes. */
        RESET,
        /** The normal answer, after {@link FaultSettings#slowAnswerMs()}. */
        SLOW
    }

    /**
     * The failure this request gets before it does anything, if any, checked in the order a real service would
     * fail: an outage (503), then the rate limit (429, one of the burst used up), then random server errors (500),
     * then gateway errors (502, 504, with an HTML body). The result files never fail this way.
     */
    public synchronized Optional<SimulatorRefusal> failureFor(Endpoint endpoint) {
        if (endpoint == Endpoint.FILES || !current.scope().covers(endpoint)) {
            return Optional.empty();
        }
        String reason = endpoint == Endpoint.SUBMIT ? "CREATE_TASK_FAILED" : "GET_RESULT_FAILED";
        Instant now = clock.instant();
        if (now.isBefore(outageUntil)) {
            int left = (int) Math.max(1, Duration.between(now, outageUntil).toSeconds());
            return Optional.of(new SimulatorRefusal(503, reason,
                    "The service is temporarily unavailable (simulated outage)", left));
        }
        if (burstLeft > 0) {
            burstLeft--;
            return Optional.of(new SimulatorRefusal(429, "RATE_LIMIT_EXCEEDED",
                    "Too many requests, please retry later (simulated rate limit)",
                    Math.max(1, current.retryAfterSeconds())));
        }
        if (roll(current.serverErrorRate())) {
            return Optional.of(new SimulatorRefusal(500, reason, "Internal server error (simulated)"));
        }
        if (roll(current.badGatewayRate())) {
            return Optional.of(SimulatorRefusal.gateway(502));
        }
        if (roll(current.gatewayTimeoutRate())) {
            return Optional.of(SimulatorRefusal.gateway(504));
        }
        return Optional.empty();
    }

    /**
     * The fault that hits a submit whose task now exists, if any, checked in this order: a 500 after all, a
     * dropped connection, a cut answer, a slow answer.
     */
    public synchronized Optional<AfterCreate> afterCreate() {
        if (!current.scope().covers(Endpoint.SUBMIT)) {
            return Optional.empty();
        }
        if (roll(current.errorAfterCreateRate())) {
            return Optional.of(AfterCreate.SERVER_ERROR);
        }
        if (roll(current.dropRate())) {
            return Optional.of(AfterCreate.DROP);
        }
        if (roll(current.resetRate())) {
            return Optional.of(AfterCreate.RESET);
        }
        if (roll(current.slowAnswerRate())) {
            return Optional.of(AfterCreate.SLOW);
        }
        return Optional.empty();
    }

    /** How long a slow answer waits. */
    public synchronized long slowAnswerMs() {
        return current.slowAnswerMs();
    }

    /** Whether this SUCCEED answer leaves out its video. */
    public synchronized boolean noVideoUrl() {
        return current.scope().covers(Endpoint.POLL) && roll(current.noVideoUrlRate());
    }

    /** Whether {@code video_url_ttl} goes out as a number this time. */
    public synchronized boolean ttlAsNumber() {
        return current.scope().covers(Endpoint.POLL) && current.ttlAsNumber();
    }

    /** How long to wait before answering; the files only when the scope is all. */
    public synchronized long latencyMs(Endpoint endpoint) {
        return current.scope().covers(endpoint) ? current.latencyMs() : 0;
    }

    /** Whether this successful answer is replaced by truncated JSON. */
    public synchronized boolean malformed(Endpoint endpoint) {
        return endpoint != Endpoint.FILES && current.scope().covers(endpoint) && roll(current.malformedRate());
    }

    /** The settings and what is left of the burst and the outage, for the control endpoint. */
    public synchronized JsonObjectBuilder toJson() {
        long outageLeft = Math.max(0, Duration.between(clock.instant(), outageUntil).toSeconds());
        return current.toJson().add("rateLimitRemaining", burstLeft).add("outageRemainingSeconds", outageLeft);
    }

    /** One independent roll of the dice; a rate of 0 never rolls, so it never consumes randomness. */
    private boolean roll(double rate) {
        return rate > 0 && random.getAsDouble() < rate;
    }

    private void apply(FaultSettings settings, boolean restartBurst, boolean restartOutage) {
        current = settings;
        if (restartBurst) {
            burstLeft = settings.rateLimitBurst();
        }
        if (restartOutage) {
            outageUntil = clock.instant().plusSeconds(settings.outageSeconds());
        }
    }
}
