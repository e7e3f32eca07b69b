package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.InvalidRequestException;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.generation.TaskState;
import io.wanstudio.media.MediaInspector;
import io.wanstudio.media.ResultStore;
import io.wanstudio.media.UploadRejectedException;
import io.wanstudio.media.UploadStore;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.testing.TestMedia;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside the container: the service submits to the simulator over HTTP and the poller completes the task. */
@ExtendWith(ArquillianExtension.class)
class GenerationServiceIT {
    private static final String OWNER = "service-it";

    @Deployment
    static WebArchive deployment() {
        return Deployments.appWithTestLibraries(GenerationServiceIT.class, TestMedia.class);
    }

    @Inject
    GenerationService generation;

    @Inject
    UploadStore uploads;

    @Inject
    ResultStore results;

    @Inject
    io.wanstudio.generation.TaskStore tasks;

    @Inject
    io.wanstudio.media.UrlSigner signer;

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
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, Integer> status = url -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(status.apply(link)).isEqualTo(200);
        assertThat(status.apply(link.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64)))).isEqualTo(404);
        assertThat(status.apply(link.replaceAll("expires=\\d+", "expires=99999999999"))).isEqualTo(404);
        assertThat(status.apply(link.substring(0, link.indexOf('?')))).isEqualTo(404);
        String expired = link.replaceAll("expires=\\d+&signature=[0-9a-f]+",
                signer.sign(link.substring(link.indexOf("/media/"), link.indexOf('?')),
                        java.time.Instant.now().minusSeconds(5)));
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
}
