package io.wanstudio.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves test inputs on 127.0.0.1, like a user's image host. Its origin is on the app's and the simulator's
 * allow-list in the ITs' configuration (arquillian.xml); every other local address stays refused. Strict like
 * many real origin servers (Python's http.server, static handlers, some object stores): a request sent in
 * absolute form ({@code GET http://host/path}), which the JDK's server would accept, is answered 400.
 */
public final class InputServer implements AutoCloseable {
    public static final int PORT = Integer.getInteger("wan.it.input.port", 18099);
    private final HttpServer server;
    private final int port;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    public InputServer() {
        this(PORT);
    }

    /** On a given port: inside the container, where the build's system properties are not set. */
    public InputServer(int port) {
        this.port = port;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().isAbsolute()) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            String redirect = redirects.get(exchange.getRequestURI().getPath());
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (redirect != null) {
                exchange.getResponseHeaders().set("Location", redirect);
                exchange.sendResponseHeaders(302, -1);
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    /** Publishes a file and returns its URL. */
    public String put(String path, byte[] content) {
        files.put(path, content);
        return "http://127.0.0.1:" + port + path;
    }

    /** Answers {@code path} with a 302 to {@code location}; returns the URL of {@code path}. */
    public String redirect(String path, String location) {
        redirects.put(path, location);
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
