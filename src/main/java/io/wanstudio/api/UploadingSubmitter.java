package io.wanstudio.api;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.Lineage;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits a request that brings its input files along (a multipart form): stores each file as an upload, then
 * submits the request referring to them. A repeated idempotency key returns the earlier task before any file is
 * stored again.
 */
@ApplicationScoped
public class UploadingSubmitter {
    private static final Map<String, MediaRole> ROLE_OF_FIELD = Map.of(
            GenerationRequest.FIRST_FRAME, MediaRole.FIRST_FRAME, GenerationRequest.LAST_FRAME, MediaRole.LAST_FRAME,
            GenerationRequest.FIRST_CLIP, MediaRole.FIRST_CLIP, GenerationRequest.DRIVING_AUDIO,
            MediaRole.DRIVING_AUDIO);

    /** One file for one media field (names in {@link GenerationRequest}). */
    public record FileInput(String field, String fileName, InputStream content) {
    }

    @Inject
    GenerationService generations;

    @Inject
    UploadStore uploads;

    public GenerationTask submit(String owner, TaskSubmission fields, List<FileInput> files, String idempotencyKey)
            throws InvalidRequestException {
        Lineage.Origin origin = fields.origin(); // a wrong lineage is refused before any file is stored
        Optional<GenerationTask> earlier = generations.findByClientRequest(owner, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (FileInput file : files) {
            if (tokens.containsKey(file.field()) || errors.containsKey(file.field())) {
                errors.put(file.field(), "Send one file per field.");
                continue;
            }
            try (InputStream content = file.content()) {
                tokens.put(file.field(), uploads.store(owner, NovitaInputRules.of(ROLE_OF_FIELD.get(file.field())),
                        file.fileName(), content).getToken());
            } catch (UploadRejectedException e) {
                errors.put(file.field(), e.getMessage());
            } catch (IOException e) {
                errors.put(file.field(), "The file could not be read completely; please send it again.");
            }
        }
        if (!errors.isEmpty()) {
            discard(owner, tokens.values());
            throw new InvalidRequestException(errors);
        }
        GenerationTask task;
        try {
            task = generations.submit(owner, fields.toRequest(tokens, idempotencyKey), origin);
        } catch (InvalidRequestException e) {
            discard(owner, tokens.values()); // refused before anything was stored or sent
            throw e;
        }
        // The same key raced in from another request, whose task won: this request's files serve nothing.
        discard(owner, tokens.values().stream().filter(token -> !task.usesUpload(token)).toList());
        return task;
    }

    /** A refused request keeps none of its files: the ones stored before the refusal go again. */
    private void discard(String owner, Collection<String> tokens) {
        tokens.forEach(token -> uploads.discard(owner, token));
    }
}
