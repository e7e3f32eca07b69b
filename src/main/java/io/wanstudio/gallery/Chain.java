package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import java.math.BigDecimal;
import java.util.List;

/**
 * A task's lineage: its first ancestor (the root) to the task itself, each made from the one before (remix,
 * extension, retry, stitch).
 *
 * @param tasks     root first, the task last
 * @param totalCost what the chain cost: the sum of its tasks' prices, leaving out submits the provider refused
 *                  (nothing was created, so nothing charged)
 * @param currency  of {@code totalCost}, the task's
 * @param complete  false when the walk stopped early: the chain is longer than {@value GalleryService#MAX_CHAIN}
 *                  or loops (a deleted ancestor leaves no gap: its child becomes the root)
 */
public record Chain(List<GenerationTask> tasks, BigDecimal totalCost, String currency, boolean complete) {
    public Chain {
        tasks = List.copyOf(tasks);
    }
}
