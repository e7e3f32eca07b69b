package io.wanstudio.api;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.InvalidRequestException;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A multipart task request split into its files (parts named after a media field) and its text fields. Text
 * fields are read up to a limit far above any valid value, so that a huge part cannot fill the memory.
 */
record MultipartForm(Map<String, String> text, List<UploadingSubmitter.FileInput> files) {
    static final Set<String> FILE_FIELDS = Set.of(GenerationRequest.FIRST_FRAME, GenerationRequest.LAST_FRAME,
            GenerationRequest.FIRST_CLIP, GenerationRequest.DRIVING_AUDIO);
    private static final int MAX_TEXT_BYTES = 64 * 1024;

    static MultipartForm read(List<EntityPart> parts) throws InvalidRequestException {
        Map<String, String> text = new LinkedHashMap<>();
        List<UploadingSubmitter.FileInput> files = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
            String name = part.getName();
            if (FILE_FIELDS.contains(name)) {
                String fileName = part.getFileName().orElse(null);
                files.add(new UploadingSubmitter.FileInput(name, fileName, part.getContent()));
            } else {
                try {
                    text.put(name, readText(part.getContent()));
                } catch (IOException e) {
                    errors.put(name, "This field is too long.");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new MultipartForm(text, files);
    }

    private static String readText(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new IOException("text part over " + MAX_TEXT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
