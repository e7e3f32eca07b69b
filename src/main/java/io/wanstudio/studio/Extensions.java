package io.wanstudio.studio;

import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.media.ClipCutException;
import io.wanstudio.media.ClipCutter;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UnsupportedMediaException;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.DataDirectory;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes a finished video the first clip of a continuation: a copy kept as the user's upload, checked like one. */
@ApplicationScoped
public class Extensions {
    @Inject
    TaskMedia media;

    @Inject
    UploadStore uploads;

    @Inject
    DataDirectory dataDirectory;

    /**
     * The parent's video as a clip to continue; one longer than a clip may be gives its last 10 s, cut without
     * re-encoding at a key frame (or the reason it cannot be cut).
     */
    public StoredUpload clipOf(String owner, GenerationTask parent) throws UploadRejectedException {
        Path video = media.file(owner, parent.getId(), TaskMedia.Kind.VIDEO).orElseThrow(
                () -> new UploadRejectedException("Task #" + parent.getId() + " has no video to continue."));
        Path cut = null;
        try {
            Path clip = video;
            if (MediaInspector.inspect(video).durationSeconds() > NovitaInputRules.CLIP_MAX_SECONDS
                    + NovitaInputRules.DURATION_TOLERANCE_SECONDS) {
                cut = Files.createTempFile(dataDirectory.folder("tmp"), ".extend-", ".mp4");
                ClipCutter.lastSeconds(video, ClipCutter.MAX_SECONDS, cut);
                clip = cut;
            }
            try (InputStream in = Files.newInputStream(clip)) {
                return uploads.store(owner, NovitaInputRules.of(MediaRole.FIRST_CLIP),
                        "task-" + parent.getId() + (cut == null ? ".mp4" : "-last-10s.mp4"), in);
            }
        } catch (ClipCutException e) {
            throw new UploadRejectedException("The video of task #" + parent.getId() + " is longer than a clip may be "
                    + "(10 s) and its last 10 s cannot be cut without re-encoding: " + e.getMessage());
        } catch (UnsupportedMediaException | IOException e) {
            throw new UploadRejectedException("The video of task #" + parent.getId() + " could not be read.");
        } finally {
            if (cut != null) {
                try {
                    Files.deleteIfExists(cut);
                } catch (IOException ignored) {
                    // a leftover in the tmp folder is harmless and swept with it
                }
            }
        }
    }
}
