package io.wanstudio.gallery;

import java.util.List;

/**
 * A delete refused because some of the tasks are still running: the provider may still deliver (and charge
 * for) their videos, so they stay until they are finished.
 */
public class TaskBusyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<Long> running;

    public TaskBusyException(List<Long> running) {
        super(running.size() == 1 ? "Task " + running.get(0) + " is still running; it can be deleted once it has "
                + "finished." : "Tasks " + running + " are still running; they can be deleted once they have "
                + "finished.");
        this.running = List.copyOf(running);
    }

    public List<Long> running() {
        return running;
    }
}
