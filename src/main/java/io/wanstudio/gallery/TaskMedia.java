package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of a finished task, found by task id and owner only: a path never comes from a request, and another
 * user's task is not found, exactly like one that does not exist.
 */
@ApplicationScoped
public class TaskMedia {
    /** The two files a completed task has, with the content type each is served with. */
    public enum Kind {
        VIDEO("video/mp4"), POSTER("image/jpeg");

        private final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** "video" or "poster", as in URLs; anything else is empty. */
        public static Optional<Kind> ofPathSegment(String segment) {
            for (Kind kind : values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(segment)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    @Inject
    GenerationService generations;

    @Inject
    ResultStore results;

    public Optional<Path> file(String owner, long taskId, Kind kind) {
        return completed(owner, taskId).flatMap(task -> file(task, kind));
    }

    /** The owner's task if it is finished (its files are then in the store); otherwise empty. */
    public Optional<GenerationTask> completed(String owner, long taskId) {
        return generations.find(owner, taskId).filter(task -> task.getState() == TaskState.COMPLETED);
    }

    /** The file of a task the caller has already found, and checked the caller may see. */
    public Optional<Path> file(GenerationTask task, Kind kind) {
        return Optional.of(task).filter(t -> t.getState() == TaskState.COMPLETED)
                .flatMap(t -> kind == Kind.VIDEO ? t.videoPath() : t.posterPath())
                .flatMap(results::localFile);
    }

    /** The page's link to a completed task's file (served by {@link MediaServlet}). */
    public static String pageLink(GenerationTask task, Kind kind) {
        return MediaServlet.PATH + task.getId() + "/" + kind.name().toLowerCase(Locale.ROOT);
    }
}
