package io.wanstudio.generation;

import io.wanstudio.budget.Budgets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives a failed task's budget reservation back, inside the transaction that fails it (the event is observed
 * in progress, not after commit), so the task's state and the budget never disagree. A task that never got a
 * provider task id was not billed and always gets its money back; one the provider failed later does only when
 * {@code wan.budget.failed-tasks-count} is false (the default). NEEDS_REVIEW keeps its reservation: it may have
 * been charged.
 */
@ApplicationScoped
public class BudgetReleases {
    @Inject
    TaskStore store;

    @Inject
    Budgets budgets;

    @Inject
    @ConfigProperty(name = "wan.budget.failed-tasks-count", defaultValue = "false")
    boolean failedTasksCount;

    Clock clock = Clock.systemUTC();

    void onTaskChanged(@Observes TaskChanged change) {
        if (change.state() != TaskState.FAILED) {
            return;
        }
        store.find(change.id()).filter(this::givesMoneyBack)
                .ifPresent(task -> budgets.release(task.getId(), clock.instant()));
    }

    boolean givesMoneyBack(GenerationTask task) {
        return task.getProviderTaskId() == null || !failedTasksCount;
    }
}
