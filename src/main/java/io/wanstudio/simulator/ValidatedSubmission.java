package io.wanstudio.simulator;

import io.wanstudio.media.MediaInfo;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaSubmitRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * A submit that passed every check, with its media fetched into {@code staging} (files named as in
 * {@link SimulatedTask}); becomes a task, or is discarded.
 *
 * @param taskId  the id the task will get (the staging folder is named after it)
 * @param media   what inspecting each fetched input found
 */
public record ValidatedSubmission(String taskId, NovitaSubmitRequest request, PromptMarkers markers, Path staging,
        Map<MediaRole, MediaInfo> media) {

    /** The media file kept for video synthesis for a role, named after the role. */
    static String fileName(MediaRole role) {
        return switch (role) {
            case FIRST_FRAME -> SimulatedTask.FIRST_FRAME_FILE;
            case FIRST_CLIP -> SimulatedTask.FIRST_CLIP_FILE;
            case LAST_FRAME -> SimulatedTask.LAST_FRAME_FILE;
            case DRIVING_AUDIO -> SimulatedTask.DRIVING_AUDIO_FILE;
        };
    }
}
