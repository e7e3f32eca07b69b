package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import io.wanstudio.generation.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Share links to finished videos: made by the video's owner (the link's secret is in the answer and nowhere else),
 * listed, revoked, and opened by anyone who has the link ({@link ShareServlet}). A link reaches exactly one task's
 * video and poster, and only while the task is finished and the link neither expired nor revoked.
 */
@ApplicationScoped
@Transactional
public class ShareService {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    public static final Duration MIN_VALIDITY = Duration.ofHours(1);
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    @Inject
    TaskStore tasks;

    /** Replaceable by tests that need to see time pass. */
    Clock clock = Clock.systemUTC();

    /** A link just made, with its secret: {@link #path()} is the address under the studio's base URL. */
    public record NewShareLink(ShareLink link, String token) {
        /** {@code /s/<token>}: put the studio's public base URL (with its context root) in front. */
        public String path() {
            return ShareServlet.PATH + token;
        }
    }

    /** What an opened link leads to: the task, and whether the link still works. */
    public record SharedVideo(ShareLink link, GenerationTask task, ShareLink.Status status) {
    }

    /**
     * Makes a link to the owner's finished task, valid for {@code validFor} (null: {@link #DEFAULT_VALIDITY};
     * between {@link #MIN_VALIDITY} and {@link #MAX_VALIDITY}).
     */
    public NewShareLink create(String owner, long taskId, Duration validFor) throws ShareRefusedException {
        Duration validity = validFor == null ? DEFAULT_VALIDITY : validFor;
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new ShareRefusedException("A share link can be valid for 1 hour to 30 days.");
        }
        GenerationTask task = tasks.findForOwner(owner, taskId)
                .orElseThrow(() -> new ShareRefusedException("There is no such task."));
        if (task.getState() != TaskState.COMPLETED) {
            throw new ShareRefusedException("Only a finished video can be shared.");
        }
        String token = ShareTokens.generate();
        var now = clock.instant();
        var link = new ShareLink(taskId, owner, ShareTokens.hash(token), now, now.plus(validity));
        em.persist(link);
        em.flush();
        return new NewShareLink(link, token);
    }

    /** The owner's links to this task, newest first, including expired and revoked ones. */
    public List<ShareLink> list(String owner, long taskId) {
        return em.createNamedQuery(ShareLink.BY_TASK, ShareLink.class).setParameter("owner", owner)
                .setParameter("taskId", taskId).getResultList();
    }

    /** Revokes one of the owner's links at once; false when the owner has no such link or it was revoked. */
    public boolean revoke(String owner, long linkId) {
        return em.createNamedQuery(ShareLink.BY_ID_AND_OWNER, ShareLink.class).setParameter("id", linkId)
                .setParameter("owner", owner).getResultStream().findFirst()
                .map(link -> link.revoke(clock.instant())).orElse(false);
    }

    /** What the link with this secret leads to; empty for a link that does not exist (or whose task went). */
    public Optional<SharedVideo> open(String token) {
        if (!ShareTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(ShareLink.BY_HASH, ShareLink.class)
                .setParameter("hash", ShareTokens.hash(token)).getResultStream().findFirst()
                .flatMap(link -> tasks.findForOwner(link.getOwner(), link.getTaskId())
                        .filter(task -> task.getState() == TaskState.COMPLETED)
                        .map(task -> new SharedVideo(link, task, link.status(clock.instant()))));
    }
}
