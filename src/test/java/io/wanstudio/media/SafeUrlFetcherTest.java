package io.wanstudio.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verdicts are checked without any network; fetches only ever go to servers on 127.0.0.1. */
class SafeUrlFetcherTest {
    private static final List<URI> NONE = List.of();

    // ---- verdicts, no network ----

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.0.0.1/a.png", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://100.100.100.200/",
        "http://0.0.0.0/", "http://127.0.0.1/", "http://127.0.0.1:8080/", "http://255.255.255.255/",
        "http://224.0.0.1/", "http://[::1]/", "http://[::]/", "http://[fd00::1]/", "http://[fd00:ec2::254]/",
        "http://[fe80::1]/", "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a00:1]/", "http://[64:ff9b::7f00:1]/",
        "http://[2002:a00:1::]/", "https://localhost/", "http://LOCALHOST./", "http://app.localhost/",
        "http://metadata.google.internal/computeMetadata/v1/",
        // numeric spellings that browsers and inet_aton accept: 127.0.0.1 in many forms, and "0x" = 0.0.0.0
        "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://127.0.1/",
        "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://127.0.0.1./", "http://0x/"})
    void localAndPrivateAddressesAreRefused(String url) {
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE)).hasValueSatisfying(message ->
                assertThat(message).contains("local or private network address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:/etc/passwd", "jar:file:/x!/y", "ftp://example.com/x", "gopher://example.com/x",
        "data:text/plain,hello", "//example.com/no-scheme", "HTTPX://example.com/"})
    void onlyHttpAndHttpsAreFetched(String url) {
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE)).hasValueSatisfying(message ->
                assertThat(message).startsWith("Only http and https URLs can be fetched"));
    }

    @Test
    void schemeIsNamedInTheMessage() {
        assertThat(SafeUrlFetcher.refusalFor(URI.create("file:/etc/passwd"), NONE))
                .hasValue("Only http and https URLs can be fetched; this one is file:.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:secret@example.com/", "https://user@example.com/",
        "http://a@127.0.0.1:80@example.com/"})
    void userInfoIsRefused(String url) {
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE))
                .hasValue("URLs with a user name or password are not fetched.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://010.0.0.1/", "http://0x5d.0xb8.0xd8.0x22/", "http://1572395042/"})
    void unusualSpellingsOfPublicAddressesAreRefused(String url) {
        // parsers disagree on them (010 is 8 in octal, 10 in decimal), so only a.b.c.d is accepted
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE)).hasValueSatisfying(message ->
                assertThat(message).contains("four decimal numbers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://1.2.3.999/", "http://1.2.3.4.5/", "http://08.1.1.1/", "http:/x",
        "http://example.123/"})
    void malformedHostsAreRefused(String url) {
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE)).hasValue("The URL has no valid host name.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a.png", "http://93.184.216.34/a.png", "https://8.8.8.8:8443/x",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/a.mp4", "https://cdn.example.com./a.png",
        "https://my_bucket.s3.amazonaws.com/a.png", "http://172.32.0.1/", "http://100.128.0.1/"})
    void publicAddressesAndNamesPassTheStaticCheck(String url) {
        assertThat(SafeUrlFetcher.refusalFor(URI.create(url), NONE)).isEmpty();
    }

    @Test
    void allowedOriginPassesEvenThoughItIsLocal() {
        List<URI> allowed = List.of(URI.create("http://127.0.0.1:8123"));

        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://127.0.0.1:8123/media/x.png?sig=1"), allowed)).isEmpty();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("HTTP://127.0.0.1:8123/"), allowed)).isEmpty();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://127.0.0.1:8124/"), allowed)).isPresent();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("https://127.0.0.1:8123/"), allowed)).isPresent();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://2130706433:8123/"), allowed)).isPresent();
    }

    @Test
    void defaultPortsAreNormalisedWhenComparingOrigins() {
        List<URI> allowed = List.of(URI.create("http://localhost/"), URI.create("https://10.1.2.3:443"));

        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://localhost:80/a"), allowed)).isEmpty();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("https://10.1.2.3/a"), allowed)).isEmpty();
        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://10.1.2.3:443/a"), allowed)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "127.0.0.1", "0.0.0.0",
        "100.64.0.1", "224.0.0.251", "255.255.255.255", "::1", "::", "fd00::1", "fc00::1", "fe80::1", "fec0::1",
        "ff02::1", "fd00:ec2::254", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1"})
    void forbiddenAddresses(String literal) throws Exception {
        assertThat(SafeUrlFetcher.isForbiddenAddress(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "2001:4860:4860::8888", "64:ff9b::808:808"})
    void publicAddresses(String literal) throws Exception {
        assertThat(SafeUrlFetcher.isForbiddenAddress(InetAddress.getByName(literal))).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesAreJudgedByTheirIpv4Part() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; Inet6Address keeps the v6 form
        assertThat(SafeUrlFetcher.isForbiddenAddress(mapped(127, 0, 0, 1))).isTrue();
        assertThat(SafeUrlFetcher.isForbiddenAddress(mapped(169, 254, 169, 254))).isTrue();
        assertThat(SafeUrlFetcher.isForbiddenAddress(mapped(8, 8, 8, 8))).isFalse();
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        return address;
    }

    // ---- end to end, against servers on 127.0.0.1 only ----

    @Nested
    class AgainstLoopbackServers {
        private static final byte[] BODY = "a small file".getBytes(StandardCharsets.UTF_8);

        @TempDir
        Path dir;
        private HttpServer allowed;
        private HttpServer other;
        private final AtomicInteger otherHits = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> hostHeaders = new ConcurrentLinkedQueue<>();
        private SafeUrlFetcher fetcher;

        @BeforeEach
        void start() throws IOException {
            other = server();
            other.createContext("/", exchange -> {
                otherHits.incrementAndGet();
                respond(exchange, 200, BODY);
            });
            allowed = server();
            allowed.createContext("/file", exchange -> {
                hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
                respond(exchange, 200, BODY);
            });
            allowed.createContext("/missing", exchange -> respond(exchange, 404, new byte[0]));
            allowed.createContext("/hop", exchange -> redirect(exchange, "/file"));
            allowed.createContext("/loop", exchange -> redirect(exchange, "/loop"));
            allowed.createContext("/to-other", exchange -> redirect(exchange, origin(other) + "/file"));
            allowed.createContext("/to-file-scheme", exchange -> redirect(exchange, "file:///etc/passwd"));
            allowed.createContext("/big", exchange -> respond(exchange, 200, new byte[10_000]));
            allowed.createContext("/big-chunked", exchange -> {
                exchange.sendResponseHeaders(200, 0); // no Content-Length: only the streaming limit can stop it
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 10; i++) {
                        out.write(new byte[1000]);
                    }
                } catch (IOException clientGaveUp) {
                    // expected: the fetcher stops reading at the limit
                }
            });
            fetcher = new SafeUrlFetcher(List.of(URI.create(origin(allowed))), Duration.ofSeconds(5));
        }

        @AfterEach
        void stop() {
            allowed.stop(0);
            other.stop(0);
        }

        @Test
        void allowedOriginIsFetched() throws Exception {
            Path target = dir.resolve("a.bin");

            fetcher.fetchTo(URI.create(origin(allowed) + "/file?sig=abc"), target, 1000);

            assertThat(target).hasBinaryContent(BODY);
            assertThat(hostHeaders).containsExactly("127.0.0.1:" + allowed.getAddress().getPort());
            assertThat(filesIn(dir)).containsExactly(target);
        }

        @Test
        void loopbackPortNotOnTheAllowListIsRefusedBeforeConnecting() throws Exception {
            Path target = dir.resolve("a.bin");

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(other) + "/file"), target, 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("local or private network address");
            assertThat(otherHits).hasValue(0);
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void redirectWithinTheAllowedOriginIsFollowed() throws Exception {
            Path target = dir.resolve("a.bin");

            fetcher.fetchTo(URI.create(origin(allowed) + "/hop"), target, 1000);

            assertThat(target).hasBinaryContent(BODY);
        }

        @Test
        void redirectToANonAllowedLoopbackPortIsRefused() throws Exception {
            Path target = dir.resolve("a.bin");

            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/to-other"), target, 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("local or private network address");
            assertThat(otherHits).hasValue(0);
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void redirectToAnotherSchemeIsRefused() {
            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/to-file-scheme"),
                    dir.resolve("a.bin"), 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("Only http and https URLs can be fetched; this one is file:.");
        }

        @Test
        void endlessRedirectsAreCutOff() {
            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/loop"), dir.resolve("a.bin"), 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The URL redirects more than 5 times.");
        }

        @Test
        void httpErrorIsReported() throws Exception {
            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/missing"), dir.resolve("a"), 1000))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The server 127.0.0.1 answered HTTP 404.");
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void declaredLengthOverTheLimitIsRefusedWithoutReading() throws Exception {
            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/big"), dir.resolve("a"), 4096))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The file is larger than the 4096 bytes allowed.");
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void streamedBodyOverTheLimitIsRefusedAndThePartialFileDeleted() throws Exception {
            assertThatThrownBy(() -> fetcher.fetchTo(URI.create(origin(allowed) + "/big-chunked"), dir.resolve("a"),
                    4096))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The file is larger than the 4096 bytes allowed.");
            assertThat(filesIn(dir)).isEmpty();
        }

        @Test
        void bodyExactlyAtTheLimitIsAccepted() throws Exception {
            Path target = dir.resolve("a.bin");

            fetcher.fetchTo(URI.create(origin(allowed) + "/big-chunked"), target, 10_000);

            assertThat(target).hasSize(10_000);
        }

        private HttpServer server() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.start();
            return server;
        }

        private String origin(HttpServer server) {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void redirect(HttpExchange exchange, String location) throws IOException {
            exchange.getResponseHeaders().add("Location", location);
            respond(exchange, 302, new byte[0]);
        }

        private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private List<Path> filesIn(Path folder) throws IOException {
            try (Stream<Path> files = Files.list(folder)) {
                return files.toList();
            }
        }
    }

    @Test
    void messagesNeverRepeatTheQueryString() {
        String secret = "X-Amz-Signature=deadbeef";
        assertThat(SafeUrlFetcher.refusalFor(URI.create("http://10.0.0.1/a?" + secret), NONE))
                .hasValueSatisfying(message -> assertThat(message).doesNotContain(secret));
    }
}
