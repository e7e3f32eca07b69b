package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against origin servers that are strict the way real ones are ({@link StrictOriginServer}); all of
 * them on 127.0.0.1, which is on the fetcher's allow-list only where a test says so.
 */
class SafeUrlFetcherHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private StrictOriginServer origin;
    private SafeUrlFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        origin = new StrictOriginServer();
        fetcher = new SafeUrlFetcher(List.of(URI.create(origin.origin())), TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        origin.close();
    }

    @Test
    void fileFromAServerThatRefusesAbsoluteFormRequestsArrivesIntact() throws Exception {
        byte[] image = randomBytes(200_000);
        origin.on("/media/first%20frame.png", StrictOriginServer.file(image));
        Path target = dir.resolve("input.bin");

        BoundedFile.Written written = fetcher.fetchTo(
                URI.create(origin.origin() + "/media/first%20frame.png?X-Amz-Signature=ab%2Fcd"), target, 1_000_000);

        assertThat(target).hasBinaryContent(image);
        assertThat(written.bytes()).isEqualTo(image.length);
        assertThat(written.sha256()).isEqualTo(sha256(image));
        StrictOriginServer.Request request = origin.requests().get(0);
        assertThat(request.method() + " " + request.target())
                .isEqualTo("GET /media/first%20frame.png?X-Amz-Signature=ab%2Fcd");
        assertThat(request.headers()).containsEntry("host", "127.0.0.1:" + origin.port())
                .containsEntry("accept-encoding", "identity")
                .doesNotContainKey("upgrade");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void serverErrorIsReportedWithItsStatus() throws Exception {
        origin.on("/gone", StrictOriginServer.status(410));

        assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/gone"), dir.resolve("a"), 1000))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The server 127.0.0.1 answered HTTP 410.")
                .satisfies(e -> assertThat(((FetchRefusedException) e).status()).hasValue(410));
        assertThat(filesIn(dir)).isEmpty();
    }

    @Nested
    class Redirects {
        private StrictOriginServer forbidden;

        @BeforeEach
        void startForbidden() throws IOException {
            forbidden = new StrictOriginServer(); // 127.0.0.1 too, but not on the allow-list
            forbidden.on("/secret", StrictOriginServer.file("internal".getBytes(StandardCharsets.UTF_8)));
        }

        @AfterEach
        void stopForbidden() throws IOException {
            forbidden.close();
        }

        @Test
        void everyHopIsCheckedAndAForbiddenOneIsNeverConnectedTo() throws Exception {
            origin.on("/one", StrictOriginServer.redirect("/two"));
            origin.on("/two", StrictOriginServer.redirect(forbidden.origin() + "/secret"));

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/one"), dir.resolve("a"), 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("local or private network address");

            assertThat(origin.requests()).extracting(StrictOriginServer.Request::target)
                    .containsExactly("/one", "/two");
            assertThat(forbidden.acceptedBeforeNow()).as("connections to the forbidden address").isZero();
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void hopsWithinTheAllowedOriginAreFollowed() throws Exception {
            byte[] body = randomBytes(5000);
            origin.on("/one", StrictOriginServer.redirect(origin.origin() + "/two"));
            origin.on("/two", StrictOriginServer.redirect("/file"));
            origin.on("/file", StrictOriginServer.file(body));
            Path target = dir.resolve("a");

            fetcher.fetchTo(URI.create(origin.origin() + "/one"), target, 10_000);

            assertThat(target).hasBinaryContent(body);
            assertThat(origin.requests()).extracting(StrictOriginServer.Request::target)
                    .containsExactly("/one", "/two", "/file");
        }
    }

    @Nested
    class SizeCap {
        private static final int LIMIT = 4096;

        @Test
        void bodyWithoutContentLengthIsCutOffAtTheLimit() throws Exception {
            origin.on("/chunked", StrictOriginServer.chunked(new byte[50_000], ""));
            origin.on("/until-close", StrictOriginServer.untilClose(new byte[50_000]));

            for (String path : List.of("/chunked", "/until-close")) {
                assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + path), dir.resolve("a"), LIMIT))
                        .as(path)
                        .isInstanceOf(FetchRefusedException.class)
                        .hasMessage("The file is larger than the 4096 bytes allowed.");
            }
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void contentLengthThatUnderstatesTheBodyDoesNotLiftTheLimit() throws Exception {
            // A message with both headers is read as chunked (RFC 9112 §6.3): the 100 is a lie, the bytes count.
            origin.on("/lying", StrictOriginServer.chunked(new byte[50_000], "Content-Length: 100\r\n"));

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/lying"), dir.resolve("a"), LIMIT))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The file is larger than the 4096 bytes allowed.");
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void declaredLengthOverTheLimitIsRefusedBeforeAnyOfTheBodyIsAwaited() throws Exception {
            // headers only, then silence: reading the body would end in a timeout, not in this refusal
            origin.on("/huge", (request, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                origin.awaitClose();
            });

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/huge"), dir.resolve("a"), LIMIT))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The file is larger than the 4096 bytes allowed.");
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void earlierFileAtTheTargetSurvivesARefusedFetch() throws Exception {
            Path target = Files.writeString(dir.resolve("a"), "earlier");
            origin.on("/chunked", StrictOriginServer.chunked(new byte[50_000], ""));

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/chunked"), target, LIMIT))
                    .isInstanceOf(FetchRefusedException.class);

            assertThat(target).hasContent("earlier");
            assertThat(filesIn(dir)).containsExactly(target);
        }
    }

    @Nested
    class Failures {
        private SafeUrlFetcher impatient;

        @BeforeEach
        void shortTimeouts() {
            impatient = new SafeUrlFetcher(List.of(URI.create(origin.origin())), Duration.ofMillis(300));
        }

        @Test
        void serverThatAcceptsAndNeverAnswersEndsInTheUsersMessage() throws Exception {
            origin.on("/silent", (request, out) -> origin.awaitClose());

            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> impatient.fetchTo(URI.create(origin.origin() + "/silent"),
                            dir.resolve("a"), 1000))
                            .isInstanceOf(FetchRefusedException.class)
                            .hasMessage("The server 127.0.0.1 did not answer in time."));
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void serverThatStallsInTheMiddleOfTheBodyEndsInTheUsersMessage() throws Exception {
            origin.on("/stall", (request, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst bytes".getBytes(
                        StandardCharsets.US_ASCII));
                out.flush();
                origin.awaitClose();
            });

            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> impatient.fetchTo(URI.create(origin.origin() + "/stall"),
                            dir.resolve("a"), 1000))
                            .isInstanceOf(FetchRefusedException.class)
                            .hasMessage("The server 127.0.0.1 did not answer in time."));
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void droppedConnectionIsNotRetried() throws Exception {
            origin.on("/drop", (request, out) -> {
                // reads the request, answers nothing, closes
            });

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/drop"), dir.resolve("a"), 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("Could not download from 127.0.0.1.");
            assertThat(origin.requests()).hasSize(1);
            assertThat(origin.accepted()).isEqualTo(1);
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void bodyShorterThanItsContentLengthIsNotKept() throws Exception {
            origin.on("/short", (request, out) -> out.write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this".getBytes(StandardCharsets.US_ASCII)));

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin.origin() + "/short"), dir.resolve("a"), 5000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("Could not download from 127.0.0.1.");
            assertThat(filesIn(dir)).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS) // one certificate for the class: keytool takes a second
    class Https {
        private TestTls tls;
        private StrictOriginServer secure;
        private final byte[] body = randomBytes(70_000);

        @BeforeAll
        void makeCertificate(@TempDir Path keys) throws Exception {
            tls = TestTls.forLocalhost(keys);
        }

        @BeforeEach
        void startTls() throws Exception {
            secure = new StrictOriginServer(tls.server);
            secure.on("/a.png", StrictOriginServer.file(body));
        }

        @AfterEach
        void stopTls() throws IOException {
            secure.close();
        }

        @Test
        void fetchByNameVerifiesTheCertificateForThatName() throws Exception {
            var fetcher = new SafeUrlFetcher(List.of(URI.create(secure.origin("localhost"))), TIMEOUT, TIMEOUT,
                    tls.client);
            Path target = dir.resolve("a.png");

            fetcher.fetchTo(URI.create(secure.origin("localhost") + "/a.png?sig=1"), target, 100_000);

            assertThat(target).hasBinaryContent(body);
            StrictOriginServer.Request request = secure.requests().get(0);
            assertThat(request.target()).isEqualTo("/a.png?sig=1");
            assertThat(request.headers()).containsEntry("host", "localhost:" + secure.port());
        }

        @Test
        void certificateForAnotherNameIsRefused() throws Exception {
            // same server, same trusted certificate, but reached as 127.0.0.1: the certificate names localhost only
            var fetcher = new SafeUrlFetcher(List.of(URI.create(secure.origin("127.0.0.1"))), TIMEOUT, TIMEOUT,
                    tls.client);

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(secure.origin("127.0.0.1") + "/a.png"),
                    dir.resolve("a.png"), 100_000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("Could not download from 127.0.0.1.");
            assertThat(secure.requests()).isEmpty();
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void certificateNoTrustedAuthoritySignedIsRefused() throws Exception {
            var fetcher = new SafeUrlFetcher(List.of(URI.create(secure.origin("localhost"))), TIMEOUT);

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(secure.origin("localhost") + "/a.png"),
                    dir.resolve("a.png"), 100_000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("Could not download from localhost.");
            assertThat(secure.requests()).isEmpty();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
