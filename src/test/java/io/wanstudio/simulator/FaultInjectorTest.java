package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wanstudio.simulator.FaultSettings.Endpoint;
import io.wanstudio.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private double dice = 0.5;
    private final FaultInjector faults = new FaultInjector(FaultSettings.none(2, 12, 3600), clock, () -> dice);

    @Test
    void noFaultsByDefault() {
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
        assertThat(faults.failureFor(Endpoint.POLL)).isEmpty();
        assertThat(faults.latencyMs(Endpoint.SUBMIT)).isZero();
        assertThat(faults.malformed(Endpoint.POLL)).isFalse();
    }

    @Test
    void burstOfRateLimitsThenOk() {
        faults.update(patch("{\"rateLimitBurst\":3,\"retryAfterSeconds\":7}"));

        for (int i = 0; i < 3; i++) {
            Optional<SimulatorRefusal> refusal = faults.failureFor(i % 2 == 0 ? Endpoint.SUBMIT : Endpoint.POLL);
            assertThat(refusal).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.reason()).isEqualTo("RATE_LIMIT_EXCEEDED");
                assertThat(r.retryAfterSeconds()).isEqualTo(7);
            });
        }
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
        assertThat(faults.toJson().build().getInt("rateLimitRemaining")).isZero();
    }

    @Test
    void outageLastsItsWindow() {
        faults.update(patch("{\"outageSeconds\":30}"));

        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).isEqualTo("CREATE_TASK_FAILED");
            assertThat(r.retryAfterSeconds()).isEqualTo(30);
        });
        clock.advance(Duration.ofSeconds(29));
        assertThat(faults.failureFor(Endpoint.POLL)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).isEqualTo("GET_RESULT_FAILED");
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.failureFor(Endpoint.POLL)).isEmpty();
    }

    @Test
    void outageComesBeforeTheBurstAndDoesNotUseItUp() {
        faults.update(patch("{\"outageSeconds\":10,\"rateLimitBurst\":1}"));

        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().extracting(SimulatorRefusal::status).isEqualTo(503);
        clock.advance(Duration.ofSeconds(10));
        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().extracting(SimulatorRefusal::status).isEqualTo(429);
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
    }

    @Test
    void scopeLimitsWhichEndpointsFail() {
        faults.update(patch("{\"scope\":\"submit\",\"rateLimitBurst\":1,\"latencyMs\":250}"));

        assertThat(faults.failureFor(Endpoint.POLL)).isEmpty();
        assertThat(faults.latencyMs(Endpoint.POLL)).isZero();
        assertThat(faults.latencyMs(Endpoint.FILES)).isZero();
        assertThat(faults.latencyMs(Endpoint.SUBMIT)).isEqualTo(250);
        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().extracting(SimulatorRefusal::status).isEqualTo(429);

        faults.update(patch("{\"scope\":\"poll\",\"rateLimitBurst\":1}"));
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
        assertThat(faults.failureFor(Endpoint.POLL)).get().extracting(SimulatorRefusal::status).isEqualTo(429);
    }

    @Test
    void filesGetLatencyOnlyAndOnlyUnderScopeAll() {
        faults.update(patch("{\"latencyMs\":100,\"outageSeconds\":60,\"serverErrorRate\":1,\"malformedRate\":1}"));

        assertThat(faults.failureFor(Endpoint.FILES)).isEmpty();
        assertThat(faults.malformed(Endpoint.FILES)).isFalse();
        assertThat(faults.latencyMs(Endpoint.FILES)).isEqualTo(100);
    }

    @Test
    void serverErrorsAndMalformedAnswersFollowTheirRates() {
        faults.update(patch("{\"serverErrorRate\":0.3,\"malformedRate\":0.3}"));

        dice = 0.29;
        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.reason()).isEqualTo("CREATE_TASK_FAILED");
        });
        assertThat(faults.malformed(Endpoint.POLL)).isTrue();
        dice = 0.3;
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
        assertThat(faults.malformed(Endpoint.POLL)).isFalse();
    }

    @Test
    void gatewayErrorsAreHtmlPagesWithTheirStatus() {
        faults.update(patch("{\"badGatewayRate\":1}"));
        assertThat(faults.failureFor(Endpoint.SUBMIT)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.gatewayPage()).isTrue();
        });

        faults.update(patch("{\"badGatewayRate\":0,\"gatewayTimeoutRate\":1,\"scope\":\"poll\"}"));
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
        assertThat(faults.failureFor(Endpoint.POLL)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(504);
            assertThat(r.gatewayPage()).isTrue();
        });
    }

    @Test
    void novitaErrorsAreNotGatewayPages() {
        faults.update(patch("{\"serverErrorRate\":1}"));

        assertThat(faults.failureFor(Endpoint.POLL)).get().extracting(SimulatorRefusal::gatewayPage)
                .isEqualTo(false);
    }

    @Test
    void faultsAfterTheTaskExistsHitSubmitsOnlyInTheirOrder() {
        assertThat(faults.afterCreate()).isEmpty();

        faults.update(patch("{\"dropRate\":1,\"resetRate\":1,\"slowAnswerRate\":1,\"slowAnswerMs\":45000}"));
        assertThat(faults.afterCreate()).contains(FaultInjector.AfterCreate.DROP);
        assertThat(faults.failureFor(Endpoint.SUBMIT)).as("the request itself goes through").isEmpty();
        assertThat(faults.slowAnswerMs()).isEqualTo(45000);

        faults.update(patch("{\"errorAfterCreateRate\":1}"));
        assertThat(faults.afterCreate()).contains(FaultInjector.AfterCreate.SERVER_ERROR);
        faults.update(patch("{\"errorAfterCreateRate\":0,\"dropRate\":0}"));
        assertThat(faults.afterCreate()).contains(FaultInjector.AfterCreate.RESET);
        faults.update(patch("{\"resetRate\":0}"));
        assertThat(faults.afterCreate()).contains(FaultInjector.AfterCreate.SLOW);

        faults.update(patch("{\"scope\":\"poll\"}"));
        assertThat(faults.afterCreate()).isEmpty();
    }

    @Test
    void connectionFaultsFollowTheirRates() {
        faults.update(patch("{\"dropRate\":0.25}"));

        dice = 0.24;
        assertThat(faults.afterCreate()).contains(FaultInjector.AfterCreate.DROP);
        dice = 0.25;
        assertThat(faults.afterCreate()).isEmpty();
    }

    @Test
    void resultFaultsHitPollsOnly() {
        assertThat(faults.noVideoUrl()).isFalse();
        assertThat(faults.ttlAsNumber()).isFalse();

        faults.update(patch("{\"noVideoUrlRate\":1,\"ttlAsNumber\":true}"));
        assertThat(faults.noVideoUrl()).isTrue();
        assertThat(faults.ttlAsNumber()).isTrue();

        faults.update(patch("{\"scope\":\"submit\"}"));
        assertThat(faults.noVideoUrl()).isFalse();
        assertThat(faults.ttlAsNumber()).isFalse();
    }

    @Test
    void slowAnswersWaitLongerThanTheStudiosReadTimeoutByDefault() {
        assertThat(faults.slowAnswerMs()).isGreaterThan(90_000); // novita.read-timeout-ms
    }

    @Test
    void resetReturnsToTheDefaults() {
        faults.update(patch("{\"rateLimitBurst\":5,\"latencyMs\":900,\"queuedSeconds\":0}"));

        faults.reset();

        assertThat(faults.settings()).isEqualTo(FaultSettings.none(2, 12, 3600));
        assertThat(faults.failureFor(Endpoint.SUBMIT)).isEmpty();
    }

    @Test
    void configuredBurstAndOutageStartAtStartAndAgainAtReset() {
        FaultSettings configured = FaultSettings.none(2, 12, 3600).with(patch("{\"rateLimitBurst\":1}"));
        FaultInjector fresh = new FaultInjector(configured, clock, () -> 0.5);

        assertThat(fresh.failureFor(Endpoint.SUBMIT)).isPresent();
        assertThat(fresh.failureFor(Endpoint.SUBMIT)).isEmpty();
        fresh.reset();
        assertThat(fresh.failureFor(Endpoint.SUBMIT)).isPresent();
    }

    @Test
    void badPatchesAreRefusedAndChangeNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"rateLimitBurts\":1}")))
                .withMessageContaining("rateLimitBurts");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"serverErrorRate\":1.5}")))
                .withMessageContaining("serverErrorRate");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"scope\":\"files\"}")))
                .withMessageContaining("scope");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"latencyMs\":\"5\"}")))
                .withMessageContaining("latencyMs");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"ttlAsNumber\":1}")))
                .withMessageContaining("ttlAsNumber");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"dropRate\":-0.1}")))
                .withMessageContaining("dropRate");
        assertThatIllegalArgumentException().isThrownBy(() -> faults.update(patch("{\"slowAnswerMs\":1.5}")))
                .withMessageContaining("slowAnswerMs");
        assertThat(faults.settings()).isEqualTo(FaultSettings.none(2, 12, 3600));
    }

    @Test
    void settingsAsJsonUseTheControlNames() {
        JsonObject json = faults.toJson().build();

        assertThat(json.keySet()).contains("serverErrorRate", "badGatewayRate", "gatewayTimeoutRate",
                "rateLimitBurst", "retryAfterSeconds", "outageSeconds", "latencyMs", "malformedRate",
                "errorAfterCreateRate", "dropRate", "resetRate", "slowAnswerRate", "slowAnswerMs", "noVideoUrlRate",
                "ttlAsNumber", "scope", "videoUrlTtlSeconds", "queuedSeconds", "processingSeconds",
                "rateLimitRemaining", "outageRemainingSeconds");
        assertThat(json.getString("scope")).isEqualTo("all");
        assertThat(json.getInt("queuedSeconds")).isEqualTo(2);
    }

    private static JsonObject patch(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
