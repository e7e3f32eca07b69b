package io.wanstudio.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** HTTP calls the ITs make to the app they deployed, on the port the build chose ({@code wan.it.port}). */
final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base = "http://localhost:" + System.getProperty("wan.it.port", "18080");
    /** The admin's API token, made on first use of the API (the API takes nothing else). */
    private String token;

    String base() {
        return base;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return sendForText(HttpRequest.newBuilder(uri(path)).build());
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(authorized(request), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> sendForText(HttpRequest request) throws IOException, InterruptedException {
        return http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
    }

    /** Calls to the API carry the admin's token unless the test set an Authorization header itself. */
    private HttpRequest authorized(HttpRequest request) {
        if (!request.uri().getPath().startsWith("/api/") || request.headers().firstValue("Authorization")
                .isPresent()) {
            return request;
        }
        if (token == null) {
            token = Accounts.adminToken(base);
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token)
                .build();
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Submissions the simulator received so far (its test-only control endpoint). */
    int simulatorSubmissions() throws IOException, InterruptedException {
        return json(get("/simulator/_control/submissions").body()).getInt("total");
    }

    /** A multipart/form-data body built by hand: the JDK's client has no builder for one. */
    static final class Multipart {
        private final String boundary = "----wan-it-" + UUID.randomUUID();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart text(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
            write(value);
            write("\r\n");
            return this;
        }

        Multipart file(String name, String fileName, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher publisher() {
            var copy = new ByteArrayOutputStream();
            copy.writeBytes(body.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HttpRequest.BodyPublishers.ofByteArray(copy.toByteArray());
        }

        private void write(String s) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
