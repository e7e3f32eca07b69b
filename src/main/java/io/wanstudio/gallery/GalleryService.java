package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskReview;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The owner's library of tasks: pages of it by filter and sort (keyset-paginated), favourites, tags, deleting
 * (rows, then their files), and lineage. Every method acts on the owner's own tasks only; another user's task
 * id is ignored, exactly like one that does not exist.
 */
@ApplicationScoped
public class GalleryService {
    /** Longest lineage walked: a longer (or looping) chain is cut here and marked incomplete. */
    public static final int MAX_CHAIN = 50;
    public static final int MAX_PAGE = 200;
    private static final Logger LOG = Logger.getLogger(GalleryService.class.getName());

    @Inject
    GalleryStore store;

    @Inject
    GenerationService generations;

    @Inject
    ResultStore results;

    @Inject
    TaskReview review;

    Clock clock = Clock.systemUTC();

    /**
     * A page of the owner's tasks matching the query, in its sort, after its cursor; {@code size} is kept to 1 to
     * {@value #MAX_PAGE}. Two queries: the page's ids by keyset, then those tasks with their tags.
     *
     * @throws GalleryCursor.InvalidCursorException the query's cursor is not one this service made for its sort
     */
    public GalleryPage page(String owner, GalleryQuery query, int size) throws GalleryCursor.InvalidCursorException {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        GalleryCursor after = query.cursor() == null ? null : GalleryCursor.decode(query.cursor(), query.sort());
        return pageOf(store.keys(owner, query, after, limit + 1), query, limit);
    }

    /** The page of at most {@code limit} tasks among {@code rows} (one more than that when there are more). */
    private GalleryPage pageOf(List<Object[]> rows, GalleryQuery query, int limit) {
        boolean more = rows.size() > limit;
        List<Object[]> shown = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Object[] last = shown.get(shown.size() - 1);
            next = new GalleryCursor(query.sort(), last[1], ((Number) last[0]).longValue()).encode();
        }
        List<Long> ids = shown.stream().map(row -> ((Number) row[0]).longValue()).toList();
        return new GalleryPage(store.withTags(ids), next);
    }

    /**
     * A page of the team history for an admin: every user's tasks matching the query, or only {@code user}'s when
     * given. Empty for anyone who is not an admin (the role is checked against the account here).
     *
     * @throws GalleryCursor.InvalidCursorException as {@link #page}
     */
    public GalleryPage teamPage(String admin, String user, GalleryQuery query, int size)
            throws GalleryCursor.InvalidCursorException {
        if (!review.isAdmin(admin)) {
            return new GalleryPage(List.of(), null);
        }
        if (user != null && !user.isBlank()) {
            return page(user.strip().toLowerCase(java.util.Locale.ROOT), query, size);
        }
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        GalleryCursor after = query.cursor() == null ? null : GalleryCursor.decode(query.cursor(), query.sort());
        return pageOf(store.keysOfAllOwners(query, after, limit + 1), query, limit);
    }

    /** Any user's task with its tags, for an admin; empty for anyone else. */
    public Optional<GenerationTask> findForAdmin(String admin, long id) {
        return review.findForAdmin(admin, id).flatMap(task -> store.find(task.getOwner(), id));
    }

    /** The owner's task with its tags loaded. */
    public Optional<GenerationTask> find(String owner, long id) {
        return store.find(owner, id);
    }

    /**
     * Marks or unmarks one of the owner's tasks as a favourite; empty when there is no such task. Tried again
     * when the poller saved the same task at the same moment (a version conflict).
     */
    @Retry(maxRetries = 2, delay = 50, jitter = 25, maxDuration = 5000, durationUnit = ChronoUnit.MILLIS,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public Optional<GenerationTask> setFavourite(String owner, long id, boolean favourite) {
        return store.setFavourite(owner, id, favourite, clock.instant());
    }

    /**
     * Puts a tag on those of {@code ids} that are the owner's (a task that has it keeps it once); returns their
     * ids.
     *
     * @throws Tags.InvalidTagException the tag breaks {@link Tags}' rule (nothing changed)
     */
    @Retry(maxRetries = 2, delay = 50, jitter = 25, maxDuration = 5000, durationUnit = ChronoUnit.MILLIS,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public List<Long> addTag(String owner, Collection<Long> ids, String tag) throws Tags.InvalidTagException {
        return store.addTag(owner, new LinkedHashSet<>(ids), Tags.normalise(tag));
    }

    /** Takes a tag off one of the owner's tasks (given in any case); empty when there is no such task. */
    @Retry(maxRetries = 2, delay = 50, jitter = 25, maxDuration = 5000, durationUnit = ChronoUnit.MILLIS,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public Optional<GenerationTask> removeTag(String owner, long id, String tag) {
        String normalised;
        try {
            normalised = Tags.normalise(tag);
        } catch (Tags.InvalidTagException e) {
            return find(owner, id); // no task has a tag that breaks the rule: nothing to take off
        }
        return store.removeTag(owner, id, normalised);
    }

    /** The owner's tags, each with how many of their tasks have it, by name. */
    public List<TagCount> tagsOf(String owner) {
        return store.tagCounts(owner);
    }

    /**
     * Deletes those of {@code ids} that are the owner's (others' ids are ignored): first their rows, in one
     * transaction, then, once that committed, their videos and posters, and the uploaded inputs no remaining
     * task uses. A failed commit leaves every file; a file that cannot be removed is logged and left. Call it
     * outside a transaction. Returns how many tasks were deleted.
     *
     * @throws TaskBusyException some of them are still running: nothing was deleted
     */
    public int delete(String owner, Collection<Long> ids) throws TaskBusyException {
        List<GenerationTask> deleted = store.delete(owner, new LinkedHashSet<>(ids));
        Set<String> uploads = new HashSet<>();
        for (GenerationTask task : deleted) {
            task.videoPath().ifPresent(this::deleteResultFile);
            task.posterPath().ifPresent(this::deleteResultFile);
            uploads.addAll(task.uploadTokens());
        }
        for (String token : uploads) {
            generations.discardUnusedUpload(owner, token);
        }
        return deleted.size();
    }

    /**
     * The lineage of one of the owner's tasks: root → … → this task, with what the chain cost; empty when there
     * is no such task. Stops after {@value #MAX_CHAIN} tasks and on a loop.
     */
    public Optional<Chain> chain(String owner, long id) {
        Optional<GenerationTask> task = generations.find(owner, id);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        List<GenerationTask> tasks = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        GenerationTask current = task.get();
        boolean complete = true;
        while (true) {
            tasks.add(current);
            seen.add(current.getId());
            Long parent = current.getParentTaskId();
            if (parent == null) {
                break;
            }
            if (seen.contains(parent) || tasks.size() >= MAX_CHAIN) {
                complete = false;
                break;
            }
            Optional<GenerationTask> next = generations.find(owner, parent);
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        Collections.reverse(tasks);
        BigDecimal total = tasks.stream().filter(GalleryService::charged).map(GenerationTask::getCostEstimate)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(new Chain(tasks, total, task.get().getCurrency(), complete));
    }

    /** The owner's tasks made from this one (remixes, extensions, retries, stitched films), oldest first. */
    public List<GenerationTask> children(String owner, long id) {
        return store.children(owner, id);
    }

    /** A submit the provider refused (failed without a provider task id) created nothing, so cost nothing. */
    private static boolean charged(GenerationTask task) {
        return !(task.getState() == TaskState.FAILED && task.getProviderTaskId() == null);
    }

    private void deleteResultFile(String relativePath) {
        try {
            Path file = results.resolve(relativePath);
            results.forgetShared(relativePath);
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(file.getParent()); // the task's own folder, once it is empty
            } catch (DirectoryNotEmptyException e) {
                // its other file goes next
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Could not remove the result file " + relativePath + " of a deleted task", e);
        }
    }
}
