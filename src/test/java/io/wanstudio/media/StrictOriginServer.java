package io.wanstudio.media;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 origin server on 127.0.0.1 written on a raw socket (the JDK's HttpServer accepts more than many real
 * servers do), strict like Python's http.server or S3-style stores: a request target in absolute form
 * ({@code GET http://host/path}) is answered 400. One request per connection. Handlers write raw bytes, so a test
 * can send exactly the broken answer it needs. With an {@link SSLContext} it speaks TLS.
 */
final class StrictOriginServer implements AutoCloseable {
    /** One request as it arrived: the request line's parts and the headers (names lower-case). */
    record Request(String method, String target, Map<String, String> headers) {
    }

    @FunctionalInterface
    interface Handler {
        void handle(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    /** The client-side port of each accepted connection, in the order of acceptance. */
    private final ConcurrentLinkedQueue<Integer> clientPorts = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String scheme;

    StrictOriginServer() throws IOException {
        this(null);
    }

    StrictOriginServer(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.bind(loopback);
        scheme = tls == null ? "http" : "https";
        threads.execute(this::acceptLoop);
    }

    /** Answers requests for {@code path} (the target without its query) with {@code handler}; others get 404. */
    StrictOriginServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}, or with https and another host name. */
    String origin(String host) {
        return scheme + "://" + host + ":" + port();
    }

    String origin() {
        return origin("127.0.0.1");
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Connections accepted so far (also those that never sent a request). */
    int accepted() {
        return accepted.get();
    }

    /**
     * Connections accepted before this call, counted without waiting for "nothing": a marker connection is
     * made and, since a listening socket accepts in order, once the marker is accepted every earlier one was.
     */
    int acceptedBeforeNow() throws IOException {
        try (Socket marker = new Socket(InetAddress.getByName("127.0.0.1"), port())) {
            int markerPort = marker.getLocalPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> clientPorts.contains(markerPort));
            return new ArrayList<>(clientPorts).indexOf(markerPort);
        }
    }

    /** Blocks a handler until the server is closed: a server that accepted and never answers. */
    void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                clientPorts.add(connection.getPort());
                accepted.incrementAndGet();
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            Request request = readRequest(connection);
            if (request == null) {
                return;
            }
            requests.add(request);
            OutputStream out = connection.getOutputStream();
            if (!request.target().startsWith("/")) {
                write(out, 400, "Bad Request", "text/plain", "absolute-form request target refused\n".getBytes(
                        StandardCharsets.US_ASCII));
                return;
            }
            int query = request.target().indexOf('?');
            String path = query < 0 ? request.target() : request.target().substring(0, query);
            Handler handler = handlers.getOrDefault(path, (r, o) -> write(o, 404, "Not Found", "text/plain",
                    new byte[0]));
            handler.handle(request, out);
            out.flush();
        } catch (IOException e) {
            // the client went away: nothing to do on a test server
        }
    }

    private static Request readRequest(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 16 * 1024) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    // ---- answers ----

    static void write(OutputStream out, int status, String reason, String contentType, byte[] body)
            throws IOException {
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    /** 200 with the body and its true length. */
    static Handler file(byte[] body) {
        return (request, out) -> write(out, 200, "OK", "application/octet-stream", body);
    }

    /** An answer with this status and no body. */
    static Handler status(int status) {
        return (request, out) -> write(out, status, "Status", "text/plain", new byte[0]);
    }

    static Handler redirect(String location) {
        return (request, out) -> out.write(("HTTP/1.1 302 Found\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A body sent in chunks, with whatever extra header lines are given (e.g. a Content-Length that lies). */
    static Handler chunked(byte[] body, String extraHeaders) {
        return (request, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 1000) {
                int n = Math.min(1000, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** A body with no length at all: it ends when the server closes the connection. */
    static Handler untilClose(byte[] body) {
        return (request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        };
    }
}
