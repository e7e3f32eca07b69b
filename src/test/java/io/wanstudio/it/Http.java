package io.wanstudio.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tests' one HTTP client (the JDK's): JSON in and out, multipart forms, bytes, HEAD, a bearer token or a
 * signed-in session's cookies ({@link Accounts.Session#http()}); always to loopback.
 */
public final class Http {
    /** The app that the Arquillian ITs deploy, on the port the build chose ({@code wan.it.port}). */
    public static final String IT_BASE = "http://localhost:" + System.getProperty("wan.it.port", "18080");

    private final HttpClient client;
    private final String base;
    /** Sent with every request, e.g. an API token. */
    private final String[] defaultHeaders;

    public Http(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), new String[0]);
    }

    private Http(String base, HttpClient client, String[] defaultHeaders) {
        if (!base.startsWith("http://localhost:") && !base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("Tests only talk to loopback: " + base);
        }
        this.base = base;
        this.client = client;
        this.defaultHeaders = defaultHeaders;
    }

    /** Requests through the given JDK client, e.g. one that keeps a browser-like session's cookies. */
    static Http over(String base, HttpClient client) {
        return new Http(base, client, new String[0]);
    }

    /** The same client, sending {@code Authorization: Bearer <token>} with every request. */
    public Http withBearer(String token) {
        return new Http(base, client, new String[] {"Authorization", "Bearer " + token});
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        return send(client, request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The status and headers that a GET would get, without a body. */
    public HttpResponse<Void> head(String path, String... headers) {
        return send(client, request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    public HttpResponse<String> postJson(String path, JsonStructure body, String... headers) {
        return postJson(path, body.toString(), headers);
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** An HTML form's POST ({@code application/x-www-form-urlencoded}, already encoded). */
    public HttpResponse<String> postForm(String path, String encodedForm, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedForm)).build());
    }

    public HttpResponse<String> postMultipart(String path, Multipart form, String... headers) {
        return send(request(path, headers).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build());
    }

    public HttpResponse<String> putJson(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A PUT without a body (e.g. setting a flag). */
    public HttpResponse<String> put(String path, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    /** A task of the API as it is once it ended (COMPLETED, FAILED or NEEDS_REVIEW), asked every 0.5 s. */
    public JsonObject taskOnceEnded(long id, Duration atMost) {
        return json(org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/tasks/" + id),
                        r -> List.of("COMPLETED", "FAILED", "NEEDS_REVIEW").contains(json(r).getString("state"))));
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < defaultHeaders.length; i += 2) {
            if (!given(defaultHeaders[i], headers)) {
                builder.header(defaultHeaders[i], defaultHeaders[i + 1]);
            }
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static boolean given(String name, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(client, request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends with the given client, turning the checked failures into unchecked ones for tests. */
    static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body built by hand: the JDK client has none. */
    public static final class Multipart {
        private final String boundary = "----wan" + UUID.randomUUID();
        private final List<byte[]> parts = new ArrayList<>();

        public Multipart field(String name, String value) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Multipart file(String name, String fileName, String contentType, byte[] content) {
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] part = new byte[head.length + content.length + 2];
            System.arraycopy(head, 0, part, 0, head.length);
            System.arraycopy(content, 0, part, head.length, content.length);
            part[part.length - 2] = '\r';
            part[part.length - 1] = '\n';
            parts.add(part);
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            var out = new java.io.ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }
}
