package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A storm of provider faults while tasks are submitted, in phases of about ten seconds each: server and gateway
 * errors on a third of the calls, a burst of 429s, a 10 s outage, slow answers (some submits beyond the read
 * timeout), malformed JSON, dropped and cut submit connections. Then the provider is healthy again, and the test
 * checks what an operator would notice: every task ended (a video, or a reason), every task the provider accepted
 * came out as a video, nothing was made twice at the provider, the breaker opened and closed again, and the
 * studio holds no more threads than before. {@code bench/fault-storm.sh} is the long version.
 * What single faults do to one task is proved elsewhere ({@link PaidSubmitIT}, {@link ProviderHealthIT}).
 */
@ExtendWith(SharedStudio.class)
class FaultStormIT {
    private static final String BASE = Http.IT_BASE;
    private static final Http APP = new Http(BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    private static final String POLL = "io.wanstudio.provider.NovitaGateway.poll";
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "NEEDS_REVIEW");
    /** Threads a healthy studio may add on its own (pools growing to their cores); a leak grows with the faults. */
    private static final int THREAD_SLACK = 10;
    /** Every fault off again; the ledger is kept (a reset would clear it). */
    private static final String CALM = "{\"scope\":\"all\",\"serverErrorRate\":0,\"badGatewayRate\":0,"
            + "\"gatewayTimeoutRate\":0,\"rateLimitBurst\":0,\"outageSeconds\":0,\"latencyMs\":0,"
            + "\"malformedRate\":0,\"dropRate\":0,\"resetRate\":0,\"slowAnswerRate\":0,\"processingSeconds\":4}";

    /** Submits run in parallel, as several users' would; a slow one must not hold back the storm. */
    private final ExecutorService users = Executors.newFixedThreadPool(4);
    private final List<Submitted> tasks = new ArrayList<>();
    private Http api;
    private int threadsMost;

    private record Submitted(String phase, String prompt, JsonObject answer) {
        long id() {
            return answer.getJsonNumber("id").longValue();
        }

        /** The submit's answer carried the provider's task id: the provider accepted it. */
        boolean accepted() {
            return answer.containsKey("providerTaskId");
        }
    }

    @AfterEach
    void calm() throws InterruptedException {
        users.shutdownNow();
        users.awaitTermination(30, TimeUnit.SECONDS);
        SIMULATOR.reset();
    }

    @Test
    void afterAStormEveryTaskEndsOnceTheBreakerClosesAndNoThreadIsLeft() throws Exception {
        api = APP.withBearer(Accounts.adminToken(BASE));
        SIMULATOR.reset();
        // One task through every step first, so that the pools the storm uses exist before threads are counted
        submitAll("calm", 1);
        awaitEnded(Duration.ofSeconds(60));
        assertThat(state(tasks.get(0).id())).isEqualTo("COMPLETED");
        int threadsBefore = metric("thread_count", "mp_scope=\"base\"");
        int openedBefore = metric("ft_circuitbreaker_opened_total", POLL);
        threadsMost = threadsBefore;

        // Storm tasks take longer at the provider, so that the polls of each phase's tasks meet the next phase
        phase("5xx", "{\"scope\":\"all\",\"serverErrorRate\":0.1,\"badGatewayRate\":0.1,"
                + "\"gatewayTimeoutRate\":0.1,\"processingSeconds\":8}", 4, Duration.ofSeconds(10));
        phase("429 burst", "{\"serverErrorRate\":0,\"badGatewayRate\":0,\"gatewayTimeoutRate\":0,"
                + "\"rateLimitBurst\":6,\"retryAfterSeconds\":1}", 3, Duration.ofSeconds(3));
        await("the 429 burst used up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> faults().getInt("rateLimitRemaining") == 0);
        phase("outage", "{\"rateLimitBurst\":0,\"outageSeconds\":10}", 2, Duration.ZERO);
        // the polls of the tasks still at the provider fail throughout: the breaker must open
        await("the poll breaker opened").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> metric("ft_circuitbreaker_opened_total", POLL) > openedBefore);
        await("the outage over").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> faults().getInt("outageRemainingSeconds") == 0);
        // The next patch ends the outage exactly (the remaining seconds are rounded down). Submits answered after
        // the 15 s read timeout of the ITs: long enough to time out, short enough not to wait for minutes
        phase("slow", "{\"outageSeconds\":0,\"latencyMs\":1200,\"slowAnswerRate\":0.5,\"slowAnswerMs\":16000}",
                4, Duration.ofSeconds(2));
        phase("malformed", "{\"latencyMs\":0,\"slowAnswerRate\":0,\"malformedRate\":0.3}", 3,
                Duration.ofSeconds(8));
        phase("dropped", "{\"malformedRate\":0,\"dropRate\":0.3,\"resetRate\":0.3}", 3, Duration.ofSeconds(6));
        SIMULATOR.faults(CALM);

        awaitEnded(Duration.ofSeconds(120));
        assertThat(tasks).hasSize(20);
        assertEveryTaskEndedAsAnOperatorExpects();
        assertNothingWasMadeTwice();

        await("the breaker closed again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> "closed".equals(providerCheck().getString("breaker")));
        assertThat(APP.get("/metrics").body()).contains("wan_provider_breaker_open{mp_scope=\"application\"} 0");
        // idle threads of the pools time out by themselves: wait for the count to come back, not for a fixed time
        await("threads back to where they were (" + threadsBefore + " + " + THREAD_SLACK + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric("thread_count", "mp_scope=\"base\"") <= threadsBefore + THREAD_SLACK);
        System.out.println("Fault storm: " + summary() + "; threads before " + threadsBefore + ", most seen "
                + threadsMost + ", after " + metric("thread_count", "mp_scope=\"base\"") + "; breaker opened "
                + (metric("ft_circuitbreaker_opened_total", POLL) - openedBefore) + " times");
    }

    /**
     * Sets the phase's faults, submits its tasks in parallel, and keeps the faults on for {@code hold} after the
     * submits answered, while the polls of the tasks in flight meet them. Throughout, the studio itself answers.
     */
    private void phase(String name, String faults, int count, Duration hold) throws Exception {
        SIMULATOR.faults(faults);
        submitAll(name, count);
        if (!hold.isZero()) {
            await(name + ": the studio keeps answering while the provider does not").during(hold)
                    .atMost(hold.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        threadsMost = Math.max(threadsMost, metric("thread_count", "mp_scope=\"base\""));
                        return APP.get("/health/ready").statusCode() == 200;
                    });
        }
    }

    private void submitAll(String phase, int count) throws Exception {
        List<Future<Submitted>> submits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prompt = "storm " + phase + " " + i + " " + UUID.randomUUID();
            submits.add(users.submit(() -> submit(phase, prompt)));
        }
        for (Future<Submitted> submit : submits) {
            tasks.add(submit.get(90, TimeUnit.SECONDS));
        }
    }

    private Submitted submit(String phase, String prompt) {
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270))
                .field("prompt", prompt).field("durationSeconds", "2").field("resolution", "720P"));
        // whatever the provider did, the studio answers the user with the task it made, never with an error
        assertThat(created.statusCode()).as(phase + ": " + created.body()).isEqualTo(201);
        return new Submitted(phase, prompt, Http.json(created));
    }

    private void awaitEnded(Duration atMost) {
        await("every task ended").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(tasks).allSatisfy(task -> assertThat(state(task.id()))
                        .as(task.phase() + " task " + task.id()).isIn(ENDED)));
    }

    private void assertEveryTaskEndedAsAnOperatorExpects() throws Exception {
        for (Submitted task : tasks) {
            JsonObject now = Http.json(api.get("/api/v1/tasks/" + task.id()));
            String what = task.phase() + " task " + task.id() + ": " + now;
            if (task.accepted()) {
                // the provider has it and the storm is over: only polls failed, and those are retried
                assertThat(now.getString("state")).as(what).isEqualTo("COMPLETED");
            }
            if (now.getString("state").equals("COMPLETED")) {
                assertPlayable(task.id(), now, what);
            } else {
                assertThat(now.getString("failureReason", "")).as(what).isNotBlank();
            }
        }
        assertThat(tasks).as("tasks the provider accepted in the storm")
                .filteredOn(task -> !task.phase().equals("calm") && task.accepted()).isNotEmpty();
    }

    private void assertPlayable(long id, JsonObject task, String what) throws Exception {
        var video = api.getBytes("/api/v1/tasks/" + id + "/video");
        assertThat(video.statusCode()).as(what).isEqualTo(200);
        assertThat(video.body().length).as(what).isPositive()
                .isEqualTo(task.getJsonNumber("videoBytes").longValue());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video.body())))
                .as(what).isEqualTo(task.getString("videoSha256"));
        Path file = Files.createTempFile("storm-", ".mp4");
        try {
            Files.write(file, video.body());
            assertThat(VideoCheck.of(file).decodesCleanly()).as(what).isTrue();
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The provider made each task at most once; a prompt arrived more than once only where a 429 said "not
     * made, try again". Every video came from a task of its own at the provider.
     */
    private void assertNothingWasMadeTwice() {
        Map<String, String> providerIds = new HashMap<>();
        for (Submitted task : tasks) {
            var count = SIMULATOR.submissions(task.prompt());
            assertThat(count.accepted()).as("tasks the provider made of " + task.prompt()).isLessThanOrEqualTo(1);
            if (!task.phase().equals("429 burst")) {
                assertThat(count.received()).as("POSTs of " + task.prompt()).isLessThanOrEqualTo(1);
            }
            JsonObject now = Http.json(api.get("/api/v1/tasks/" + task.id()));
            if (now.getString("state").equals("COMPLETED")) {
                String providerId = now.getString("providerTaskId");
                assertThat(providerId).as(task.prompt()).isEqualTo(SIMULATOR.providerTaskIdOf(task.prompt()));
                assertThat(providerIds.put(providerId, task.prompt())).as("task of " + providerId).isNull();
            }
        }
    }

    /** How the tasks of each phase ended, e.g. {@code slow: 2 COMPLETED, 2 NEEDS_REVIEW}. */
    private String summary() {
        Map<String, Map<String, Integer>> byPhase = new LinkedHashMap<>();
        for (Submitted task : tasks) {
            byPhase.computeIfAbsent(task.phase(), p -> new TreeMap<>()).merge(state(task.id()), 1,
                    Integer::sum);
        }
        return byPhase.toString();
    }

    private String state(long id) {
        return Http.json(api.get("/api/v1/tasks/" + id)).getString("state");
    }

    private static JsonObject faults() {
        return Http.json(APP.get("/simulator/_control/faults"));
    }

    private static JsonObject providerCheck() {
        return Http.json(APP.get("/health/ready")).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("provider")).findFirst().orElseThrow()
                .getJsonObject("data");
    }

    /** The value of the first line of {@code name} whose labels contain {@code label}; 0 while not yet there. */
    private static int metric(String name, String label) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.Ee+-]+)$")
                .matcher(APP.get("/metrics").body());
        while (line.find()) {
            if (line.group(1).contains(label)) {
                return (int) Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
