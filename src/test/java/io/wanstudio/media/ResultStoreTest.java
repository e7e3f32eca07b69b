package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanstudio.testing.TestMedia;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Result downloads from a provider on 127.0.0.1 (like the built-in simulator, on the app's own local origin):
 * that origin is reachable, any other local one is not, and a result never lands half-way.
 */
class ResultStoreTest {
    @TempDir
    Path media;
    @TempDir
    Path work;
    private StrictOriginServer provider;
    private ResultStore store;
    private byte[] video;

    @BeforeEach
    void start() throws IOException {
        video = Files.readAllBytes(TestMedia.mp4(work.resolve("result.mp4"), 160, 96, 8, 12));
        provider = new StrictOriginServer();
        provider.on("/simulator/files/7.mp4", StrictOriginServer.file(video));
        store = storeWithLimit(10_000_000);
    }

    @AfterEach
    void stop() throws IOException {
        provider.close();
    }

    @Test
    void resultFromTheProvidersOwnLocalOriginIsStoredWithPosterAndChecksum() throws Exception {
        var stored = store.download(link("/simulator/files/7.mp4?expires=1&signature=x"), "alice@example", 7);

        assertThat(stored.videoPath()).isEqualTo("results/alice_example/7/video.mp4");
        assertThat(store.resolve(stored.videoPath())).hasBinaryContent(video);
        assertThat(stored.bytes()).isEqualTo(video.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(video)));
        assertThat(MediaInspector.inspect(store.resolve(stored.posterPath())).format()).isEqualTo("jpeg");
        assertThat(filesIn(store.resolve("results/alice_example/7"))).containsExactlyInAnyOrder(
                store.resolve(stored.videoPath()),
                store.resolve(stored.posterPath()));
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 410})
    void linkThatIsGoneIsReportedAsSuch(int status) throws Exception {
        provider.on("/simulator/files/gone.mp4", StrictOriginServer.status(status));

        assertThatThrownBy(() -> store.download(link("/simulator/files/gone.mp4"), "alice", 7))
                .isInstanceOf(ResultLinkRefusedException.class)
                .satisfies(e -> assertThat(((ResultLinkRefusedException) e).status()).isEqualTo(status));
        assertThat(filesIn(taskFolder())).isEmpty();
    }

    @Test
    void serverErrorIsAPassingFailure() throws Exception {
        provider.on("/simulator/files/busy.mp4", StrictOriginServer.status(503));

        assertThatThrownBy(() -> store.download(link("/simulator/files/busy.mp4"), "alice", 7))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("The server 127.0.0.1 answered HTTP 503.");
        assertThat(filesIn(taskFolder())).isEmpty();
    }

    @Test
    void redirectAwayFromTheProviderToAnotherLocalAddressIsRefusedWithoutConnecting() throws Exception {
        try (StrictOriginServer internal = new StrictOriginServer()) {
            internal.on("/admin", StrictOriginServer.file(video));
            provider.on("/simulator/files/moved.mp4", StrictOriginServer.redirect(internal.origin() + "/admin"));

            assertThatThrownBy(() -> store.download(link("/simulator/files/moved.mp4"), "alice", 7))
                    .isExactlyInstanceOf(IOException.class)
                    .hasMessageContaining("local or private network address");
            assertThat(internal.acceptedBeforeNow()).isZero();
        }
        assertThat(filesIn(taskFolder())).isEmpty();
    }

    @Test
    void resultLargerThanTheLimitIsRefusedAndNothingIsKept() throws Exception {
        ResultStore small = storeWithLimit(video.length - 1);

        assertThatThrownBy(() -> small.download(link("/simulator/files/7.mp4"), "alice", 7))
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("The file is larger than the");
        assertThat(filesIn(taskFolder())).isEmpty();
    }

    @Test
    void partsLeftByADownloadThatWasKilledAreGoneOnceTheResultIsDownloadedAgain() throws Exception {
        // what a process killed (SIGKILL) in the middle of a download leaves: its staged file and a half copy
        Files.createDirectories(taskFolder());
        Files.write(taskFolder().resolve(".video-123.part"), new byte[0]);
        Files.write(taskFolder().resolve(".incoming-456.part"), java.util.Arrays.copyOf(video, video.length / 2));

        var stored = store.download(link("/simulator/files/7.mp4"), "alice", 7);

        assertThat(filesIn(taskFolder())).containsExactlyInAnyOrder(
                store.resolve(stored.videoPath()),
                store.resolve(stored.posterPath()));
        assertThat(store.resolve(stored.videoPath())).hasBinaryContent(video);
    }

    private ResultStore storeWithLimit(long maxBytes) {
        var result = new ResultStore();
        result.timeoutSeconds = 10;
        result.maxBytes = maxBytes;
        result.storage = new LocalMediaStorage(() -> "http://localhost:8080", null, java.time.Clock.systemUTC());
        result.configure(media, URI.create(provider.origin() + "/simulator"));
        return result;
    }

    private URI link(String pathAndQuery) {
        return URI.create(provider.origin() + pathAndQuery);
    }

    private Path taskFolder() {
        return media.resolve("results/alice/7");
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
