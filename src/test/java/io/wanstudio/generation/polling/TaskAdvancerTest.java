package io.wanstudio.generation.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.PollSchedule;
import io.wanstudio.generation.ProviderMessages;
import io.wanstudio.generation.TaskInputs;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.provider.NovitaGateway;
import io.wanstudio.provider.ProviderHealth;
import io.wanstudio.provider.ProviderTaskStatus;
import io.wanstudio.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The one answer the simulator cannot give yet (the other ways the poller moves a task run against the real
 * simulator and store in GenerationServiceIT): "succeeded" without a video, which must be asked again and, if it
 * stays so, end the task for review instead of polling it for ever.
 */
class TaskAdvancerTest {
    private static final long ID = 7;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final OneTaskStore store = new OneTaskStore();
    private final SameAnswerGateway provider = new SameAnswerGateway();
    private final TaskAdvancer advancer = new TaskAdvancer();

    TaskAdvancerTest() {
        advancer.store = store;
        advancer.gateway = provider;
        advancer.health = new ProviderHealth();
        advancer.schedule = new PollSchedule();
        advancer.clock = clock;
        advancer.notFoundGraceSeconds = 600;
        advancer.taskLifetimeHours = 24;
        var inputs = new TaskInputs("upload:abc", null, null, null, "a cat", null, 5, "720P", true, false, null);
        store.task = GenerationTask.submitting("alice", null, inputs, new BigDecimal("0.25"), "USD", clock.instant());
        store.task.accepted("provider-task-1", clock.instant(), clock.instant());
    }

    @Test
    void aSuccessWithoutAVideoIsAskedAgainThenFailedForReview() {
        provider.answer = new ProviderTaskStatus(ProviderTaskStatus.Phase.SUCCEEDED_WITHOUT_VIDEO, 100, null, "", null,
                null, null);

        for (int poll = 1; poll <= 4; poll++) {
            advancer.poll(ID);
            assertThat(store.task.getState()).as("after poll %d", poll).isEqualTo(TaskState.QUEUED);
            assertThat(store.task.getFailureReason()).isNull();
            clock.advance(Duration.ofSeconds(30));
        }
        advancer.poll(ID);

        assertThat(provider.polls).isEqualTo(5);
        assertThat(store.task.getState()).isEqualTo(TaskState.FAILED);
        assertThat(store.task.getFailureReason()).isEqualTo(ProviderMessages.NO_VIDEO);
        assertThat(store.task.getFinishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aVideoThatComesOnAskingAgainIsDownloaded() {
        provider.answer = new ProviderTaskStatus(ProviderTaskStatus.Phase.SUCCEEDED_WITHOUT_VIDEO, 100, null, "", null,
                null, null);
        advancer.poll(ID);
        provider.answer = new ProviderTaskStatus(ProviderTaskStatus.Phase.SUCCEEDED, 100, null, "",
                "https://cdn.example/v.mp4", 3600L, null);

        advancer.poll(ID);

        assertThat(store.task.getState()).isEqualTo(TaskState.DOWNLOADING);
        assertThat(store.task.getResultUrl()).isEqualTo("https://cdn.example/v.mp4");
        assertThat(store.task.getResultUrlExpires()).isEqualTo(clock.instant().plusSeconds(3600));
    }

    /** The two calls of the store the advancer makes, over one task in memory (the real one needs a database). */
    private static final class OneTaskStore extends TaskStore {
        GenerationTask task;

        @Override
        public Optional<GenerationTask> find(long id) {
            return Optional.ofNullable(id == ID ? task : null);
        }

        @Override
        public Optional<GenerationTask> update(long id, Predicate<GenerationTask> change) {
            find(id).ifPresent(change::test);
            return find(id);
        }
    }

    /** A provider that gives the same answer to every poll, counting them. */
    private static final class SameAnswerGateway extends NovitaGateway {
        ProviderTaskStatus answer;
        int polls;

        @Override
        public ProviderTaskStatus poll(String providerTaskId) {
            assertThat(providerTaskId).isEqualTo("provider-task-1");
            polls++;
            return answer;
        }
    }
}
