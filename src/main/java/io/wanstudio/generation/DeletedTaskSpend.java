package io.wanstudio.generation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a deleted task cost, kept when its row goes: spend reports count it as if the task were still there, so
 * that deleting videos never makes a month look cheaper than it was.
 */
@Entity
@Table(name = "deleted_task_spend")
public class DeletedTaskSpend {
    @Id
    @Column(name = "task_id")
    private long taskId;
    private String owner;
    @Enumerated(EnumType.STRING)
    private TaskState state;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "duration_seconds")
    private int durationSeconds;
    private BigDecimal cost;
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected DeletedTaskSpend() {
        // for JPA
    }

    public static DeletedTaskSpend of(GenerationTask task, Instant deletedAt) {
        var spend = new DeletedTaskSpend();
        spend.taskId = task.getId();
        spend.owner = task.getOwner();
        spend.state = task.getState();
        spend.createdAt = task.getCreatedAt();
        spend.durationSeconds = task.getDurationSeconds();
        spend.cost = task.getCostEstimate() == null ? BigDecimal.ZERO : task.getCostEstimate();
        spend.deletedAt = deletedAt;
        return spend;
    }
}
