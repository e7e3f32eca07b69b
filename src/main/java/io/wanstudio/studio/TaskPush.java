package io.wanstudio.studio;

import io.wanstudio.generation.TaskChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the owner's open studio pages that one of their tasks changed, through the Faces websocket channel
 * {@value #CHANNEL}: pages re-render what changed instead of polling. Only committed changes are sent, so a page
 * that reloads on the news finds them.
 */
@ApplicationScoped
public class TaskPush {
    public static final String CHANNEL = "tasks";
    private static final Logger LOG = Logger.getLogger(TaskPush.class.getName());

    @Inject
    @Push(channel = CHANNEL)
    PushContext channel;

    void onTaskChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskChanged change) {
        try {
            channel.send(Map.of("id", change.id(), "state", change.state().name(), "progress",
                    change.progressPercent()), change.owner());
        } catch (RuntimeException e) {
            // A page that misses one message catches up on its next update or reload; the task is not affected.
            LOG.log(Level.WARNING, "Could not push the change of task " + change.id(), e);
        }
    }
}
