package io.wanstudio.generation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

/** Two admins resolving one task at once: the loser's failed commit is recognised as a lost race, nothing else. */
class TaskReviewTest {
    @Test
    void anOptimisticLockFailureIsALostRaceHoweverItWasWrapped() {
        assertThat(TaskReview.isLostRace(new OptimisticLockException())).isTrue();
        assertThat(TaskReview.isLostRace(new IllegalStateException("commit failed",
                new jakarta.transaction.RollbackException("rolled back")))).isTrue();
        assertThat(TaskReview.isLostRace(new RuntimeException(new PersistenceException(
                new OptimisticLockException("version changed"))))).isTrue();
    }

    @Test
    void anyOtherFailureIsNotALostRace() {
        assertThat(TaskReview.isLostRace(new IllegalStateException("database down"))).isFalse();
        assertThat(TaskReview.isLostRace(new PersistenceException("connection refused"))).isFalse();
    }
}
