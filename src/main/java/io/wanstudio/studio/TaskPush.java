package io.wanstudio.studio;

import io.wanstudio.generation.TaskChanged;
import io.wanstudio.platform.TaskLog;
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

    /** The last news sent per task, so that the same change heard twice (here and from the feed) is sent once. */
    private final Map<Long, String> lastSent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                    return size() > 10_000;
                }
            });

    void onTaskChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskChanged change) {
        send(change);
    }

    /** Sends the change to the owner's open pages on this instance, unless it was sent already. */
    public void send(TaskChanged change) {
        String news = change.state().name() + " " + change.progressPercent();
        if (news.equals(lastSent.put(change.id(), news))) {
            return;
        }
        try {
            channel.send(Map.of("id", change.id(), "state", change.state().name(), "progress",
                    change.progressPercent()), change.owner());
        } catch (RuntimeException e) {
            // A page that misses one message catches up on its next update or reload; the task is not affected.
            TaskLog.log(LOG, Level.WARNING, change.id(), null, "could not push its change to the browsers", e);
        }
    }
}
