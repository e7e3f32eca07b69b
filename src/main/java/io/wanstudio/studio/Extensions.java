package io.wanstudio.studio;

import io.wanstudio.gallery.TaskMedia;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
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

    public StoredUpload clipOf(String owner, GenerationTask parent) throws UploadRejectedException {
        Path video = media.file(owner, parent.getId(), TaskMedia.Kind.VIDEO).orElseThrow(
                () -> new UploadRejectedException("Task #" + parent.getId() + " has no video to continue."));
        try (InputStream in = Files.newInputStream(video)) {
            return uploads.store(owner, NovitaInputRules.of(MediaRole.FIRST_CLIP), "task-" + parent.getId() + ".mp4",
                    in);
        } catch (IOException e) {
            throw new UploadRejectedException("The video of task #" + parent.getId() + " could not be read.");
        }
    }
}
