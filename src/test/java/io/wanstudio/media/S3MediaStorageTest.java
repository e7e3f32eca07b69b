package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.S3TestServer;
import io.wanstudio.testing.TestMedia;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 storage against a real S3-compatible server on loopback: what goes in comes out, links expire. */
class S3MediaStorageTest {
    private static final int PORT = Integer.getInteger("wan.s3.test.port", 19090);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path folder;

    private static S3TestServer server;
    private static S3MediaStorage storage;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(PORT, folder.resolve("s3"));
        storage = new S3MediaStorage(new S3MediaStorage.Settings(Optional.of(server.endpoint()), "wan-media",
                "us-east-1", Optional.of(S3TestServer.ACCESS_KEY), Optional.of(S3TestServer.SECRET_KEY), true));
        storage.ensureBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        server.close();
    }

    @Test
    void aStoredFileComesBackWholeOnAnotherInstance() throws Exception {
        Path png = TestMedia.pngFile(folder, "first.png", 320, 240);
        storage.put("inputs/abc.png", png, "image/png");

        Path copy = folder.resolve("replica.png");
        assertThat(storage.copyTo("inputs/abc.png", copy)).isTrue();
        assertThat(copy).hasSameBinaryContentAs(png);
        assertThat(storage.copyTo("inputs/none.png", folder.resolve("none.png"))).isFalse();
    }

    @Test
    void theProviderFetchesAnInputByItsPresignedLinkWithoutCredentials() throws Exception {
        Path png = TestMedia.pngFile(folder, "linked.png", 320, 240);
        storage.put("inputs/linked.png", png, "image/png");

        URI link = storage.providerLink("inputs/linked.png", Duration.ofMinutes(5));
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(link.getQuery()).contains("X-Amz-Expires=300").doesNotContain(S3TestServer.SECRET_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(answer.body()).isEqualTo(Files.readAllBytes(png));
    }

    @Test
    void aPresignedLinkStopsWorkingAfterItsLifetime() throws Exception {
        storage.put("inputs/short.png", TestMedia.pngFile(folder, "short.png", 320, 240), "image/png");
        URI link = storage.providerLink("inputs/short.png", Duration.ofSeconds(2));
        assertThat(status(link)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(link) == 403);
    }

    @Test
    void aDeletedObjectIsGone() throws Exception {
        storage.put("inputs/gone.png", TestMedia.pngFile(folder, "gone.png", 320, 240), "image/png");
        storage.delete("inputs/gone.png");
        storage.delete("inputs/never-there.png");

        assertThat(status(storage.providerLink("inputs/gone.png", Duration.ofMinutes(1)))).isEqualTo(404);
    }

    private static int status(URI link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
