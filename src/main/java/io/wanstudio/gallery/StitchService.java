package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.Lineage;
import io.wanstudio.generation.TaskStore;
import io.wanstudio.media.IncompatibleClipsException;
import io.wanstudio.media.Mp4Joiner;
import io.wanstudio.media.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stitches an extension chain into one film: the videos from the chain's first task to the given last one (each
 * an {@link Lineage#EXTEND extension} of the one before), joined without re-encoding into a new finished task of
 * its own, whose parent is the last task ({@link Lineage#STITCH}). Nothing is kept if anything fails on the way.
 */
@ApplicationScoped
public class StitchService {
    /** Longer chains are refused rather than followed (a loop in the data must not hang a request). */
    static final int MAX_CHAIN = 100;

    @Inject
    TaskStore tasks;

    @Inject
    TaskMedia media;

    @Inject
    ResultStore results;

    Clock clock = Clock.systemUTC();

    /**
     * Joins the chain ending at {@code lastTaskId} (the owner's) and returns the new task with the film.
     *
     * @throws StitchRefusedException no such task, a chain of one video, a video of the chain missing or not
     *                                finished, or videos that cannot be joined (the message says what differs)
     * @throws IOException            a video could not be read or the film not written
     */
    public GenerationTask stitch(String owner, long lastTaskId) throws StitchRefusedException, IOException {
        List<GenerationTask> chain = chain(owner, lastTaskId);
        List<Path> videos = new ArrayList<>();
        for (GenerationTask task : chain) {
            videos.add(media.file(task, TaskMedia.Kind.VIDEO).orElseThrow(() -> new StitchRefusedException(
                    "Task " + task.getId() + " in this chain has no finished video, so the chain cannot be "
                            + "stitched.")));
        }
        Path staged = results.stagingFile(owner);
        try {
            try {
                Mp4Joiner.join(videos, staged);
            } catch (IncompatibleClipsException e) {
                throw new StitchRefusedException("These videos cannot be joined without re-encoding: "
                        + e.getMessage() + " (" + clipNames(chain) + ").");
            }
            ResultStore.StoredResult kept = results.keepLocal(staged, owner, "stitch-" + UUID.randomUUID());
            int seconds = chain.stream().mapToInt(GenerationTask::getDurationSeconds).sum();
            GenerationTask last = chain.get(chain.size() - 1);
            try {
                return tasks.create(GenerationTask.madeLocally(last, Lineage.STITCH, seconds, kept.videoPath(),
                        kept.posterPath(), kept.sha256(), kept.bytes(), clock.instant()));
            } catch (RuntimeException e) {
                results.discard(kept); // no file without its task
                throw e;
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The owner's chain from its first video to {@code lastTaskId}, oldest first. */
    List<GenerationTask> chain(String owner, long lastTaskId) throws StitchRefusedException {
        GenerationTask task = tasks.findForOwner(owner, lastTaskId)
                .orElseThrow(() -> new StitchRefusedException("There is no such task."));
        List<GenerationTask> chain = new ArrayList<>(List.of(task));
        Set<Long> seen = new HashSet<>(Set.of(task.getId()));
        while (task.getLineage() == Lineage.EXTEND && task.getParentTaskId() != null) {
            long parentId = task.getParentTaskId();
            if (!seen.add(parentId) || chain.size() >= MAX_CHAIN) {
                throw new StitchRefusedException("This chain is longer than " + MAX_CHAIN + " videos.");
            }
            task = tasks.findForOwner(owner, parentId).orElse(null);
            if (task == null) {
                break; // an extension of another user's task (never made by the studio) ends the chain here
            }
            chain.add(0, task);
        }
        if (chain.size() < 2) {
            throw new StitchRefusedException("Task " + lastTaskId + " does not continue another video: there is "
                    + "nothing to stitch it to. Stitch the last extension of a chain.");
        }
        return chain;
    }

    private static String clipNames(List<GenerationTask> chain) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            names.add("clip " + (i + 1) + " is task " + chain.get(i).getId());
        }
        return names.stream().collect(Collectors.joining(", "));
    }
}
