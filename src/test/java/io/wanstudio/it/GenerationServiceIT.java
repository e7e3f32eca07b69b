package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wanstudio.gallery.GalleryQuery;
import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.generation.ProviderMessages;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.MediaRules;
import io.wanstudio.media.ResultStore;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadPreviews;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.testing.TestMedia;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the container: the service submits to the simulator over HTTP and the poller completes the task; how the
 * poller moves a task when the provider forgets it, rate-limits or keeps a video from it (the real poller, store
 * and simulator: a test only holds a task back from the poller while it changes what the poller will find).
 */
@ExtendWith(ArquillianExtension.class)
class GenerationServiceIT {
    private static final String OWNER = "service-it";
    /** Defaults of wan.poller.not-found-grace-seconds and wan.poller.task-lifetime-hours (not set for the ITs). */
    private static final Duration NOT_FOUND_GRACE = Duration.ofSeconds(600);
    private static final Duration TASK_LIFETIME = Duration.ofHours(24);
    private static final String HOLDER = "generation-service-it";

    @Deployment
    static WebArchive deployment() {
        return Deployments.appWithTestLibraries(GenerationServiceIT.class, TestMedia.class, TaskRows.class,
                Http.class, SimulatorControl.class, InputServer.class);
    }

    @Inject
    GenerationService generation;

    @Inject
    UploadStore uploads;

    @Inject
    io.wanstudio.gallery.GalleryService gallery;

    @Inject
    ResultStore results;

    @Inject
    io.wanstudio.generation.TaskStore tasks;

    @Inject
    io.wanstudio.media.UrlSigner signer;

    @Inject
    ProviderMode mode;

    @Inject
    TaskRows rows;

    @Inject
    io.wanstudio.generation.AbandonedUploadSweeper sweeper;

    @Inject
    UploadPreviews previews;

    // ---- uploads imported from a URL (UploadStore.storeFromUrl) and their thumbnails ----

    @Test
    void aGoodImageAtAUrlIsKeptLikeAnUploadAndRemembersWhereItCameFrom() throws Exception {
        String owner = "url-import-" + UUID.randomUUID();
        byte[] jpeg = TestMedia.jpeg(640, 480);
        try (var server = inputServer()) {
            String url = server.put("/photos/summer beach.jpg", jpeg).replace(" ", "%20");

            StoredUpload upload = uploads.storeFromUrl(owner, NovitaInputRules.of(MediaRole.FIRST_FRAME), url);

            assertThat(upload.getSourceUrl()).isEqualTo(url);
            assertThat(upload.getFileName()).isEqualTo("summer beach.jpg");
            StoredUpload found = uploads.find(owner, upload.getToken()).orElseThrow();
            assertThat(found.getSourceUrl()).isEqualTo(url);
            assertThat(found.info().width()).isEqualTo(640);
            assertThat(Files.readAllBytes(uploads.file(found))).isEqualTo(jpeg);
            assertThat(uploads.find("someone-else", upload.getToken())).isEmpty();
        }
    }

    @Test
    void aUrlWithoutAFileNameIsLabelledWithItsHost() throws Exception {
        String owner = "url-import-" + UUID.randomUUID();
        try (var server = inputServer()) {
            String url = server.put("/", TestMedia.png(320, 240));

            StoredUpload upload = uploads.storeFromUrl(owner, NovitaInputRules.of(MediaRole.LAST_FRAME), url);

            assertThat(upload.getFileName()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aUrlWhoseFileIsRefusedLeavesNoFileAndNoRow() throws Exception {
        String owner = "url-refused-" + UUID.randomUUID();
        var rules = NovitaInputRules.of(MediaRole.FIRST_FRAME);
        try (var server = inputServer()) {
            String narrow = server.put("/narrow.jpg", TestMedia.jpeg(239, 400));
            String text = server.put("/notes.jpg", "Shopping list: milk, eggs, bread.\n".getBytes());
            String big = server.put("/big.png", TestMedia.png(800, 600));
            String empty = server.put("/empty.jpg", new byte[0]);
            String missing = empty.replace("empty.jpg", "never-there.jpg");
            Set<Path> before = inputFiles();

            assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, narrow))
                    .isInstanceOf(UploadRejectedException.class)
                    .hasMessage("The image is 239×400 px: its width is 1 px below the 240 px minimum.");
            assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, text))
                    .isInstanceOf(UploadRejectedException.class).hasMessageContaining("not a supported image");
            assertThatThrownBy(() -> uploads.storeFromUrl(owner, ofAtMost(1000, rules), big))
                    .isInstanceOf(UploadRejectedException.class)
                    .hasMessage("The file is larger than the 1000 bytes allowed.");
            assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, missing))
                    .isInstanceOf(UploadRejectedException.class)
                    .hasMessage("The server 127.0.0.1 answered HTTP 404.");
            assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, empty))
                    .isInstanceOf(UploadRejectedException.class).hasMessage("The file is empty.");

            assertThat(inputFiles()).isEqualTo(before);
            assertThat(uploadsOf(owner)).isEmpty();
        }
    }

    @Test
    void aUrlToAPrivateAddressOrOfAnotherSchemeIsRefusedByTheGuardWithoutAnyFetch() throws Exception {
        String owner = "url-guarded-" + UUID.randomUUID();
        var rules = NovitaInputRules.of(MediaRole.FIRST_FRAME);
        Set<Path> before = inputFiles();

        // Nothing listens at 10.0.0.1 here: any connection attempt would end in a network error, not this answer.
        assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, "http://10.0.0.1/x.jpg"))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessage("The URL points to a local or private network address; such URLs are not fetched.");
        // the app itself is local and not an allowed origin
        assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, mode.publicBaseUrl() + "/health/live"))
                .isInstanceOf(UploadRejectedException.class).hasMessageContaining("local or private network");
        assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, "file:///etc/passwd"))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessage("Only http and https URLs can be fetched; this one is file:.");
        assertThatThrownBy(() -> uploads.storeFromUrl(owner, rules, "http://exa mple.com/a.jpg"))
                .isInstanceOf(UploadRejectedException.class).hasMessage("This is not a valid URL.");

        assertThat(inputFiles()).isEqualTo(before);
        assertThat(uploadsOf(owner)).isEmpty();
    }

    @Test
    void aThumbnailIsRemovedWithItsUploadWhenDiscardedOrSweptAsAbandoned() throws Exception {
        String owner = "thumbnails-" + UUID.randomUUID();
        var rules = NovitaInputRules.of(MediaRole.FIRST_FRAME);
        var discarded = uploads.store(owner, rules, "a.jpg", new ByteArrayInputStream(TestMedia.jpeg(1280, 720)));
        var abandoned = uploads.store(owner, rules, "b.png", new ByteArrayInputStream(TestMedia.png(720, 1280)));
        Path discardedThumbnail = previews.thumbnail(owner, discarded.getToken()).orElseThrow();
        Path abandonedThumbnail = previews.thumbnail(owner, abandoned.getToken()).orElseThrow();
        assertThat(discardedThumbnail).isRegularFile().hasFileName(discarded.getToken() + ".thumb.jpg")
                .hasParent(uploads.file(discarded).getParent());
        assertThat(abandonedThumbnail).isRegularFile();

        uploads.discard(owner, discarded.getToken());
        assertThat(uploads.file(discarded)).doesNotExist();
        assertThat(discardedThumbnail).doesNotExist();

        rows.setUploadCreatedAt(abandoned.getToken(), Instant.now().minus(Duration.ofHours(48)));
        sweeper.sweep(Instant.now());
        assertThat(uploads.file(abandoned)).doesNotExist();
        assertThat(abandonedThumbnail).doesNotExist();
        assertThat(uploadsOf(owner)).isEmpty();
    }

    /** The input server on the port the container allows as a local origin (wan.fetch.allowed-origins). */
    private static InputServer inputServer() {
        String origin = ConfigProvider.getConfig().getValue("wan.fetch.allowed-origins", String.class).split(",")[0];
        return new InputServer(URI.create(origin.trim()).getPort());
    }

    private Set<Path> inputFiles() throws IOException {
        try (var files = Files.list(results.resolve("inputs"))) {
            return files.collect(Collectors.toSet());
        }
    }

    private List<StoredUpload> uploadsOf(String owner) {
        return uploads.olderThan(Instant.now().plus(Duration.ofDays(1)), 0, 100_000).stream()
                .filter(upload -> upload.getOwner().equals(owner)).toList();
    }

    /** The same rules with a smaller byte limit. */
    private static MediaRules ofAtMost(long maxBytes, MediaRules rules) {
        return new MediaRules() {
            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public Optional<String> problemWith(MediaInfo info) {
                return rules.problemWith(info);
            }
        };
    }

    @Test
    void uploadsNoTaskUsesAreRemovedOnceAbandonedAndNoOthers() throws Exception {
        var rules = NovitaInputRules.of(MediaRole.FIRST_FRAME);
        var abandoned = uploads.store(OWNER, rules, "left.png", new ByteArrayInputStream(TestMedia.png(320, 240)));
        var used = uploads.store(OWNER, rules, "used.png", new ByteArrayInputStream(TestMedia.png(320, 240)));
        var recent = uploads.store(OWNER, rules, "recent.png", new ByteArrayInputStream(TestMedia.png(320, 240)));
        generation.submit(OWNER, new GenerationRequest(MediaSource.ofUpload(used.getToken()), null, null, null,
                "kept while a task uses it " + UUID.randomUUID(), null, 2, "720P", null, null, null, null));
        Instant twoDaysAgo = Instant.now().minus(Duration.ofHours(48));
        rows.setUploadCreatedAt(abandoned.getToken(), twoDaysAgo);
        rows.setUploadCreatedAt(used.getToken(), twoDaysAgo);

        assertThat(sweeper.sweep(Instant.now())).isEqualTo(1);

        assertThat(uploads.find(OWNER, abandoned.getToken())).isEmpty();
        assertThat(uploads.file(abandoned)).doesNotExist();
        for (var kept : List.of(used, recent)) {
            assertThat(uploads.find(OWNER, kept.getToken())).isPresent();
            assertThat(uploads.file(kept)).isRegularFile();
        }
    }

    private SimulatorControl simulator() {
        return new SimulatorControl(new Http(mode.publicBaseUrl()));
    }

    @AfterEach
    void resetSimulator() {
        simulator().reset();
    }

    @Test
    void aTaskSubmittedThroughTheServiceCompletesWithItsVideoAndPosterStored() throws Exception {
        var upload = uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "square.png",
                new ByteArrayInputStream(TestMedia.png(600, 600)));
        var request = new GenerationRequest(MediaSource.ofUpload(upload.getToken()), null, null, null,
                "a square scene " + UUID.randomUUID(), null, 2, "720P", false, false, 42L, null);

        GenerationTask submitted = generation.submit(OWNER, request);
        assertThat(submitted.getState()).isEqualTo(TaskState.QUEUED);
        assertThat(submitted.getProviderTaskId()).isNotBlank();

        GenerationTask done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> generation.find(OWNER, submitted.getId()).orElseThrow(),
                        t -> t.getState().isFinal());
        assertThat(done.getState()).isEqualTo(TaskState.COMPLETED);
        var video = results.resolve(done.videoPath().orElseThrow());
        var poster = results.resolve(done.posterPath().orElseThrow());
        assertThat(video).isRegularFile();
        assertThat(poster).isRegularFile();
        var info = MediaInspector.inspect(video);
        assertThat(info.durationSeconds()).isBetween(1.7, 2.3);
        assertThat(info.width()).isEqualTo(info.height());
        assertThat(Files.size(video)).isEqualTo(done.getVideoBytes());

        // another owner does not see the task
        assertThat(generation.find("someone-else", submitted.getId())).isEmpty();
    }

    @Test
    void uploadsReachTheProviderOnlyThroughAnIntactUnexpiredLink() throws Exception {
        var upload = uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "link.png",
                new ByteArrayInputStream(TestMedia.png(320, 240)));
        String link = uploads.providerLink(upload).toString();
        assertThat(link).doesNotContain("link.png").contains(upload.getToken());
        String base = mode.publicBaseUrl();
        assertThat(link).startsWith(base);
        var http = new Http(base);
        java.util.function.Function<String, Integer> status = url -> http.get(url.substring(base.length()))
                .statusCode();
        assertThat(status.apply(link)).isEqualTo(200);
        assertThat(status.apply(link.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64)))).isEqualTo(404);
        assertThat(status.apply(link.replaceAll("expires=\\d+", "expires=99999999999"))).isEqualTo(404);
        assertThat(status.apply(link.substring(0, link.indexOf('?')))).isEqualTo(404);
        String expired = link.replaceAll("expires=\\d+&signature=[0-9a-f]+",
                signer.sign(link.substring(link.indexOf("/media/"), link.indexOf('?')),
                        Instant.now().minusSeconds(5)));
        assertThat(status.apply(expired)).isEqualTo(404);
    }

    @Test
    void aRefusedUploadLeavesNothingBehind() throws Exception {
        long before;
        try (var files = Files.list(results.resolve("inputs"))) {
            before = files.count();
        }
        assertThatThrownBy(() -> uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "notes.png",
                new ByteArrayInputStream("not an image".getBytes())))
                .isInstanceOf(UploadRejectedException.class);
        try (var files = Files.list(results.resolve("inputs"))) {
            assertThat(files.count()).isEqualTo(before);
        }
    }

    @Test
    void theSameClientRequestIdNeverPaysTwice() throws Exception {
        var upload = uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "f.png",
                new ByteArrayInputStream(TestMedia.png(400, 300)));
        String key = UUID.randomUUID().toString();
        var request = new GenerationRequest(MediaSource.ofUpload(upload.getToken()), null, null, null,
                "idempotent " + key, null, 2, "720P", null, null, null, key);
        long first = generation.submit(OWNER, request).getId();
        long second = generation.submit(OWNER, request).getId();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void onlyOneInstanceAtATimeCanClaimATask() throws Exception {
        var upload = uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "claim.png",
                new ByteArrayInputStream(TestMedia.png(400, 300)));
        long id = generation.submit(OWNER, new GenerationRequest(MediaSource.ofUpload(upload.getToken()), null,
                null, null, "claimed " + UUID.randomUUID(), null, 2, "720P", null, null, null, null)).getId();
        var now = java.time.Instant.now();
        // the app's own poller may hold it for a moment: wait until it lets go
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.claim(id, "instance-a", now.plusSeconds(1),
                now.plusSeconds(600)));
        assertThat(tasks.claim(id, "instance-b", now.plusSeconds(2), now.plusSeconds(600))).isFalse();
        tasks.release(id, "instance-b"); // not the holder: changes nothing
        assertThat(tasks.claim(id, "instance-b", now.plusSeconds(3), now.plusSeconds(600))).isFalse();
        tasks.release(id, "instance-a");
        assertThat(tasks.claim(id, "instance-b", now.plusSeconds(4), now.plusSeconds(600))).isTrue();
        // a crashed holder's claim lapses by itself
        assertThat(tasks.claim(id, "instance-c", now.plusSeconds(601), now.plusSeconds(1200))).isTrue();
        tasks.release(id, "instance-c");
    }

    @Test
    void aRequestWithoutAFirstFrameIsRefusedWithTheFieldNamed() {
        var request = new GenerationRequest(null, null, null, null, "nothing to animate", null, 5, "720P",
                null, null, null, null);
        assertThatThrownBy(() -> generation.submit(OWNER, request)).isInstanceOfSatisfying(
                InvalidRequestException.class,
                e -> assertThat(e.fieldErrors()).containsKey(GenerationRequest.FIRST_FRAME));
    }

    @Test
    void anotherUsersUploadIsRefusedAtTheFieldAndNothingIsSent() throws Exception {
        var upload = uploads.store("upload-owner-a", NovitaInputRules.of(MediaRole.FIRST_FRAME), "mine.png",
                new ByteArrayInputStream(TestMedia.png(400, 300)));
        String prompt = "not my upload " + UUID.randomUUID();
        var request = new GenerationRequest(MediaSource.ofUpload(upload.getToken()), null, null, null, prompt, null,
                2, "720P", null, null, null, null);

        assertThatThrownBy(() -> generation.submit("upload-user-b", request)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.fieldErrors()).containsExactly(Map.entry(
                        GenerationRequest.FIRST_FRAME, "The uploaded file is no longer available; please upload it "
                                + "again.")));
        assertThat(simulator().submissions(prompt).received()).isZero();
        assertThat(gallery.page("upload-user-b", GalleryQuery.all(), 10).items()).isEmpty();
    }

    // ---- how the poller moves a task (generation.polling.TaskAdvancer) ----

    @Test
    void aTaskTheProviderDoesNotKnowIsAskedAgainDuringTheGracePeriodThenFailedAsLost() {
        long id = submittedAndHeld("forgotten by the provider");
        rows.setProviderTaskId(id, "no-such-task-" + UUID.randomUUID());
        rows.setAcceptedAt(id, Instant.now().minus(NOT_FOUND_GRACE).plusSeconds(120));
        TaskState before = tasks.find(id).orElseThrow().getState();
        releaseDue(id);

        // within the grace period a TASK_NOT_FOUND is a passing answer: asked again, the task still open
        GenerationTask waiting = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> tasks.find(id).orElseThrow(), t -> t.getPollFailures() >= 2);
        assertThat(waiting.getState()).isEqualTo(before);

        hold(id);
        rows.setAcceptedAt(id, Instant.now().minus(NOT_FOUND_GRACE).minusSeconds(60));
        releaseDue(id);

        GenerationTask lost = awaitFinal(id);
        assertThat(lost.getState()).isEqualTo(TaskState.FAILED);
        assertThat(lost.getFailureReason()).isEqualTo(ProviderMessages.LOST);
    }

    @Test
    void aTaskOlderThanItsLifetimeIsFailedAsLostAlthoughTheProviderStillWorksOnIt() {
        long id = submittedAndHeld("older than a day");
        rows.setAcceptedAt(id, Instant.now().minus(TASK_LIFETIME).minusSeconds(60));
        releaseDue(id);

        GenerationTask lost = awaitFinal(id);
        assertThat(lost.getState()).isEqualTo(TaskState.FAILED);
        assertThat(lost.getFailureReason()).isEqualTo(ProviderMessages.LOST);
    }

    @Test
    void aPollAnswered429IsAskedAgainNoSoonerThanRetryAfter() {
        long id = submittedAndHeld("rate-limited poll");
        GenerationTask before = tasks.find(id).orElseThrow();
        simulator().faults("{\"scope\":\"poll\",\"rateLimitBurst\":100,\"retryAfterSeconds\":30}");
        releaseDue(id);

        // the poller otherwise asks again within seconds: a next poll this far away is the 429's doing
        GenerationTask limited = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> tasks.find(id).orElseThrow(),
                        t -> t.getNextPollAt() != null && t.getNextPollAt().isAfter(Instant.now().plusSeconds(20)));
        assertThat(limited.getState()).isEqualTo(before.getState());
        // updatedAt is when the 429 came in; the poller takes no task before its nextPollAt
        assertThat(limited.getNextPollAt()).isAfterOrEqualTo(limited.getUpdatedAt().plusSeconds(30));
        assertThat(limited.getPollFailures()).as("waiting as asked is no failure").isEqualTo(before.getPollFailures());
    }

    @Test
    void aDownloadThatKeepsFailingEndsFailedAfterFiveAttempts() {
        long id = submittedAndHeld("download keeps failing");
        // a link on the provider's own address answering an error that is not "expired" (405): a passing failure
        String link = mode.providerBaseUrl() + "/v3/async/wan2.7-i2v";
        tasks.update(id, t -> t.succeeded(link, null, Instant.now()));
        tasks.release(id, HOLDER);

        GenerationTask failed = awaitFinal(id);
        assertThat(failed.getState()).isEqualTo(TaskState.FAILED);
        assertThat(failed.getFailureReason()).startsWith("The finished video could not be downloaded after 5 attempts")
                .contains("HTTP 405");
        assertThat(failed.getPollFailures()).as("failures before the last attempt").isEqualTo(4);
    }

    @Test
    void anExpiredResultLinkFailsAtTheFirstRefusal() throws Exception {
        simulator().faults("{\"videoUrlTtlSeconds\":0}");
        long id = submit("expired result link").getId();

        GenerationTask failed = awaitFinal(id);
        assertThat(failed.getState()).isEqualTo(TaskState.FAILED);
        assertThat(failed.getFailureReason()).isEqualTo(ProviderMessages.LINK_EXPIRED + " (HTTP 403)");
        assertThat(failed.getPollFailures()).as("not tried again").isZero();
    }

    private GenerationTask submit(String what) throws Exception {
        var upload = uploads.store(OWNER, NovitaInputRules.of(MediaRole.FIRST_FRAME), "frame.png",
                new ByteArrayInputStream(TestMedia.png(320, 240)));
        GenerationTask task = generation.submit(OWNER, new GenerationRequest(MediaSource.ofUpload(upload.getToken()),
                null, null, null, what + " " + UUID.randomUUID(), null, 2, "720P", null, null, null, null));
        assertThat(task.getState()).isEqualTo(TaskState.QUEUED);
        return task;
    }

    /**
     * A task the provider keeps working on (no video comes to end it early), held back from the app's poller until
     * {@link #releaseDue}.
     */
    private long submittedAndHeld(String what) {
        simulator().faults("{\"processingSeconds\":600}");
        long id;
        try {
            id = submit(what).getId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        hold(id);
        return id;
    }

    /** Takes the task from the app's poller, which may hold it for a moment. */
    private void hold(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.claim(id, HOLDER, Instant.now(),
                Instant.now().plusSeconds(600)));
    }

    /** Gives the task back to the poller, due at once. */
    private void releaseDue(long id) {
        rows.dueNow(id);
        tasks.release(id, HOLDER);
    }

    private GenerationTask awaitFinal(long id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> tasks.find(id).orElseThrow(), t -> t.getState().isFinal());
    }
}
