package io.wanstudio.generation;

/** Fired after a task's state or progress changed and was committed, e.g. to push the news to open pages. */
public record TaskChanged(long id, String owner, TaskState state, int progressPercent) {
}
