package io.wanstudio.simulator;

import io.wanstudio.media.FetchRefusedException;
import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.MediaKind;
import io.wanstudio.media.SafeUrlFetcher;
import io.wanstudio.media.UnsupportedMediaException;
import io.wanstudio.platform.DataDirectory;
import io.wanstudio.provider.FieldError;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.provider.NovitaSubmitRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a submit as Novita does, everything before a task exists: the body is a JSON object of the right
 * field types, every rule of {@link NovitaInputRules}, the prompt markers, then every media URL is fetched
 * (SSRF-guarded, size-limited), inspected by content and checked. Messages name the field, as Novita's do.
 */
@ApplicationScoped
public class SubmissionValidator {
    private static final Logger LOG = Logger.getLogger(SubmissionValidator.class.getName());
    /** Staging folders older than this are leftovers of a crash, removed at start. */
    private static final Duration STALE = Duration.ofHours(1);

    private static final Set<String> STRING_FIELDS = Set.of("image_url", "first_clip_url", "last_frame_url",
            "driving_audio_url", "prompt", "negative_prompt", "resolution");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("prompt_extend", "watermark");
    /** Media in the order Novita's model needs them; the first failure ends the check (fetching costs). */
    private static final List<MediaRole> FETCH_ORDER = List.of(MediaRole.FIRST_FRAME, MediaRole.FIRST_CLIP,
            MediaRole.LAST_FRAME, MediaRole.DRIVING_AUDIO);

    @Inject
    SimulatorConfig config;

    @Inject
    DataDirectory dataDirectory;

    private Jsonb jsonb;
    private SafeUrlFetcher fetcher;
    private Path incoming;

    @PostConstruct
    void init() {
        jsonb = JsonbBuilder.create();
        fetcher = new SafeUrlFetcher(config.fetchAllow(), Duration.ofSeconds(config.fetchTimeoutSeconds()));
        incoming = dataDirectory.folder("simulator").resolve("incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + incoming, e);
        }
        removeStaleStaging();
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing JSON-B failed", e);
        }
    }

    /**
     * Validates a submit body; on success its media are in the returned staging folder, on refusal nothing is
     * left on disk.
     */
    public ValidatedSubmission validate(byte[] body, String contentType) throws SimulatorRefusal {
        NovitaSubmitRequest request = parse(body, contentType, jsonb);
        List<FieldError> errors = NovitaInputRules.checkRequest(request);
        if (!errors.isEmpty()) {
            throw SimulatorRefusal.invalidBody(errors.stream().map(e -> prefixed(e.field(), e.message()))
                    .collect(Collectors.joining("; ")));
        }
        PromptMarkers markers = PromptMarkers.of(request.prompt);
        Optional<SimulatorRefusal> refusal = markers.refusal();
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        String taskId = UUID.randomUUID().toString();
        Path staging = incoming.resolve(taskId);
        boolean accepted = false;
        try {
            Files.createDirectories(staging);
            Map<MediaRole, MediaInfo> media = fetchAll(request, staging);
            accepted = true;
            return new ValidatedSubmission(taskId, request, markers, staging, media);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the media of a submit", e);
        } finally {
            if (!accepted) {
                deleteTree(staging);
            }
        }
    }

    /** Removes a staging folder that did not become a task. */
    public void discard(ValidatedSubmission submission) {
        deleteTree(submission.staging());
    }

    /**
     * The body as Novita's request: a JSON object whose known fields have the right types (null = absent;
     * unknown fields are ignored, as JSON APIs do). Static and free of I/O, for unit tests.
     */
    static NovitaSubmitRequest parse(byte[] body, String contentType, Jsonb jsonb) throws SimulatorRefusal {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw SimulatorRefusal.invalidBody("The request body must be JSON (Content-Type: application/json)");
        }
        JsonObject object = readObject(body)
                .orElseThrow(() -> SimulatorRefusal.invalidBody("The request body is not a valid JSON object"));
        for (Map.Entry<String, JsonValue> field : object.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (STRING_FIELDS.contains(name) && !(value instanceof JsonString)) {
                throw SimulatorRefusal.invalidBody(name + ": must be a string");
            }
            if (BOOLEAN_FIELDS.contains(name) && value.getValueType() != JsonValue.ValueType.TRUE
                    && value.getValueType() != JsonValue.ValueType.FALSE) {
                throw SimulatorRefusal.invalidBody(name + ": must be true or false");
            }
            if (name.equals("duration") && !fitsInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                throw SimulatorRefusal.invalidBody("duration: must be a whole number of seconds, "
                        + NovitaInputRules.MIN_DURATION + " to " + NovitaInputRules.MAX_DURATION);
            }
            if (name.equals("seed") && !fitsInteger(value, Long.MIN_VALUE, Long.MAX_VALUE)) {
                throw SimulatorRefusal.invalidBody(
                        "seed: must be a whole number from 0 to " + NovitaInputRules.SEED_MAX);
            }
        }
        try {
            return jsonb.fromJson(object.toString(), NovitaSubmitRequest.class);
        } catch (JsonbException e) {
            throw SimulatorRefusal.invalidBody("The request body does not match the API: " + e.getMessage());
        }
    }

    /** The prompt of a body, leniently (for counting submissions by prompt); null when there is none. */
    static String promptOf(byte[] body) {
        return readObject(body).map(o -> o.get("prompt")).filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).getString()).orElse(null);
    }

    private static Optional<JsonObject> readObject(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static boolean fitsInteger(JsonValue value, long min, long max) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            return false;
        }
        try {
            long v = number.longValueExact();
            return v >= min && v <= max;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private Map<MediaRole, MediaInfo> fetchAll(NovitaSubmitRequest request, Path staging)
            throws SimulatorRefusal, IOException {
        Map<MediaRole, MediaInfo> found = new EnumMap<>(MediaRole.class);
        for (MediaRole role : FETCH_ORDER) {
            String url = urlOf(request, role);
            if (url == null || url.isBlank()) {
                continue;
            }
            Path file = staging.resolve(ValidatedSubmission.fileName(role));
            MediaInfo info = fetchAndCheck(role, url.strip(), file);
            found.put(role, info);
            if (role == MediaRole.DRIVING_AUDIO && !"mp3".equals(info.format())) {
                // A WAV is only checked: the video gets the ambient loop instead (mp4parser muxes AAC and MP3,
                // and encoding PCM to AAC would need a native encoder)
                Files.deleteIfExists(file);
            }
        }
        if (!found.containsKey(MediaRole.FIRST_FRAME) && !found.containsKey(MediaRole.FIRST_CLIP)) {
            throw SimulatorRefusal.invalidBody("image_url: exactly one of image_url and first_clip_url is required");
        }
        return found;
    }

    private MediaInfo fetchAndCheck(MediaRole role, String url, Path file) throws SimulatorRefusal {
        String field = role.field();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw SimulatorRefusal.invalidBody(field + ": is not a valid URL");
        }
        try {
            fetcher.fetchTo(uri, file, NovitaInputRules.maxBytes(role));
        } catch (FetchRefusedException e) {
            throw SimulatorRefusal.invalidBody(prefixed(field, e.getMessage()));
        }
        MediaInfo info;
        try {
            info = MediaInspector.inspect(file);
        } catch (UnsupportedMediaException e) {
            String reason = role == MediaRole.DRIVING_AUDIO ? "INVALID_AUDIO_FILE" : "INVALID_REQUEST_BODY";
            throw new SimulatorRefusal(400, reason, prefixed(field, e.getMessage()));
        }
        Optional<String> broken = NovitaInputRules.checkMedia(role, info);
        if (broken.isPresent()) {
            throw SimulatorRefusal.invalidBody(prefixed(field, broken.get()));
        }
        MediaKind expected = switch (role) {
            case FIRST_FRAME, LAST_FRAME -> MediaKind.IMAGE;
            case FIRST_CLIP -> MediaKind.VIDEO;
            case DRIVING_AUDIO -> MediaKind.AUDIO;
        };
        if (info.kind() != expected) {
            // checkMedia should have said so; kept so that synthesis never gets the wrong kind of file
            throw SimulatorRefusal.invalidBody(field + ": must be " + (expected == MediaKind.IMAGE ? "an " : "a ")
                    + expected.name().toLowerCase(Locale.ROOT) + ", not " + info.format());
        }
        return info;
    }

    private static String urlOf(NovitaSubmitRequest request, MediaRole role) {
        return switch (role) {
            case FIRST_FRAME -> request.imageUrl;
            case FIRST_CLIP -> request.firstClipUrl;
            case LAST_FRAME -> request.lastFrameUrl;
            case DRIVING_AUDIO -> request.drivingAudioUrl;
        };
    }

    /** "field: message", unless the message names the field already. */
    static String prefixed(String field, String message) {
        if (field == null || field.isBlank()) {
            return message;
        }
        return message != null && message.startsWith(field) ? message : field + ": " + message;
    }

    private void removeStaleStaging() {
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> folders = Files.list(incoming)) {
            folders.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(before);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(SubmissionValidator::deleteTree);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot clean the simulator's staging folder", e);
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Cannot delete " + p, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + folder, e);
        }
    }
}
