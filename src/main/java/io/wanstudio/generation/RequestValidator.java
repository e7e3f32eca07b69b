package io.wanstudio.generation;

import io.wanstudio.media.FetchRefusedException;
import io.wanstudio.media.InputFetcher;
import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UnsupportedMediaException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.DataDirectory;
import io.wanstudio.provider.FieldError;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.provider.NovitaSubmitRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request against every rule the provider applies, before anything is paid for: field values, the
 * allowed combinations, and the media themselves (uploads were inspected when stored; URLs are fetched through
 * the SSRF guard and inspected here). A refused request names each field at fault.
 */
@ApplicationScoped
public class RequestValidator {
    static final String UPLOAD_PREFIX = "upload:";
    private static final Map<String, String> FIELD_OF_PROVIDER_FIELD = Map.of(
            "image_url", GenerationRequest.FIRST_FRAME, "last_frame_url", GenerationRequest.LAST_FRAME,
            "first_clip_url", GenerationRequest.FIRST_CLIP, "driving_audio_url", GenerationRequest.DRIVING_AUDIO,
            "prompt", GenerationRequest.PROMPT, "negative_prompt", GenerationRequest.NEGATIVE_PROMPT,
            "duration", GenerationRequest.DURATION, "resolution", GenerationRequest.RESOLUTION,
            "seed", GenerationRequest.SEED);

    @Inject
    UploadStore uploads;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    InputFetcher fetcher;

    /** The request as stored with the task and as sent to the provider, once every rule holds. */
    public record ValidatedRequest(TaskInputs inputs, NovitaSubmitRequest providerRequest) {
    }

    public ValidatedRequest validate(String owner, GenerationRequest request) throws InvalidRequestException {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<MediaRole, MediaSource> sources = new EnumMap<>(MediaRole.class);
        put(sources, MediaRole.FIRST_FRAME, request.firstFrame());
        put(sources, MediaRole.LAST_FRAME, request.lastFrame());
        put(sources, MediaRole.FIRST_CLIP, request.firstClip());
        put(sources, MediaRole.DRIVING_AUDIO, request.drivingAudio());

        var provider = new NovitaSubmitRequest();
        Map<MediaRole, String> refs = new EnumMap<>(MediaRole.class);
        sources.forEach((role, source) -> resolve(owner, role, source, errors).ifPresent(resolved -> {
            refs.put(role, resolved.ref());
            setUrl(provider, role, resolved.providerUrl());
        }));
        provider.prompt = emptyToNull(request.prompt());
        provider.negativePrompt = emptyToNull(request.negativePrompt());
        provider.duration = request.durationSeconds();
        provider.resolution = request.resolution();
        provider.promptExtend = request.promptExtend();
        provider.watermark = request.watermark();
        provider.seed = request.seed();
        if (sources.isEmpty()) {
            errors.put(GenerationRequest.FIRST_FRAME, "Give a first frame (an image) or a first clip (a video).");
        }
        // Media fields that failed above are absent here; their own message is clearer than "missing".
        for (FieldError e : NovitaInputRules.checkRequest(withPlaceholders(provider, sources))) {
            errors.putIfAbsent(FIELD_OF_PROVIDER_FIELD.getOrDefault(e.field(), ""), e.message());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        int duration = request.durationSeconds() == null ? NovitaInputRules.DEFAULT_DURATION
                : request.durationSeconds();
        String resolution = request.resolution() == null ? NovitaInputRules.DEFAULT_RESOLUTION : request.resolution();
        var inputs = new TaskInputs(refs.get(MediaRole.FIRST_FRAME), refs.get(MediaRole.LAST_FRAME),
                refs.get(MediaRole.FIRST_CLIP), refs.get(MediaRole.DRIVING_AUDIO), provider.prompt,
                provider.negativePrompt, duration, resolution,
                request.promptExtend() == null || request.promptExtend(), Boolean.TRUE.equals(request.watermark()),
                request.seed());
        return new ValidatedRequest(inputs, provider);
    }

    private record Resolved(String ref, String providerUrl) {
    }

    private Optional<Resolved> resolve(String owner, MediaRole role, MediaSource source,
            Map<String, String> errors) {
        String field = FIELD_OF_PROVIDER_FIELD.get(role.field());
        boolean hasUrl = !MediaSource.isBlank(source.url());
        boolean hasUpload = !MediaSource.isBlank(source.uploadToken());
        if (hasUrl && hasUpload) {
            errors.put(field, "Give either a file or a URL, not both.");
            return Optional.empty();
        }
        if (hasUpload) {
            Optional<StoredUpload> upload = uploads.find(owner, source.uploadToken().trim());
            if (upload.isEmpty()) {
                errors.put(field, "The uploaded file is no longer available; please upload it again.");
                return Optional.empty();
            }
            return check(role, upload.get().info(), field, errors).map(ok -> new Resolved(
                    UPLOAD_PREFIX + upload.get().getToken(), uploads.providerLink(upload.get()).toString()));
        }
        String url = source.url().trim();
        return inspectUrl(role, url, field, errors).flatMap(info -> check(role, info, field, errors))
                .map(ok -> new Resolved(url, url));
    }

    private Optional<MediaInfo> inspectUrl(MediaRole role, String url, String field, Map<String, String> errors) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            errors.put(field, "This is not a valid URL.");
            return Optional.empty();
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dataDirectory.folder("tmp"), ".fetch", ".part");
            fetcher.fetchTo(uri, tmp, NovitaInputRules.maxBytes(role));
            return Optional.of(MediaInspector.inspect(tmp));
        } catch (FetchRefusedException | UnsupportedMediaException e) {
            errors.put(field, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            errors.put(field, "The file at this URL could not be read; please try again.");
            return Optional.empty();
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the tmp folder holds nothing anyone refers to
                }
            }
        }
    }

    private static Optional<MediaInfo> check(MediaRole role, MediaInfo info, String field,
            Map<String, String> errors) {
        Optional<String> broken = NovitaInputRules.checkMedia(role, info);
        broken.ifPresent(message -> errors.put(field, message));
        return broken.isPresent() ? Optional.empty() : Optional.of(info);
    }

    /** For the combination rules only: every given source counts as present, even one whose content failed. */
    private static NovitaSubmitRequest withPlaceholders(NovitaSubmitRequest provider,
            Map<MediaRole, MediaSource> sources) {
        var copy = new NovitaSubmitRequest();
        copy.prompt = provider.prompt;
        copy.negativePrompt = provider.negativePrompt;
        copy.duration = provider.duration;
        copy.resolution = provider.resolution;
        copy.promptExtend = provider.promptExtend;
        copy.watermark = provider.watermark;
        copy.seed = provider.seed;
        sources.keySet().forEach(role -> setUrl(copy, role, "https://input.invalid/" + role.field()));
        return copy;
    }

    private static void put(Map<MediaRole, MediaSource> sources, MediaRole role, MediaSource source) {
        if (source != null && !source.isEmpty()) {
            sources.put(role, source);
        }
    }

    private static void setUrl(NovitaSubmitRequest request, MediaRole role, String url) {
        switch (role) {
            case FIRST_FRAME -> request.imageUrl = url;
            case LAST_FRAME -> request.lastFrameUrl = url;
            case FIRST_CLIP -> request.firstClipUrl = url;
            case DRIVING_AUDIO -> request.drivingAudioUrl = url;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
