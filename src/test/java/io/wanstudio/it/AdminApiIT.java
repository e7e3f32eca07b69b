package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin's JSON API, and what an admin sees of other users' tasks: an admin lists another user's task, reads
 * spend and health, and resolves a task in NEEDS_REVIEW by API (it then completes); of two admins resolving one
 * task at the same moment one wins and the other gets a clear 409; a normal user gets 403 for every admin page and
 * every admin endpoint (both listed from what exists, so a new one cannot be forgotten); a demoted admin's token
 * stops working; an admin opening another user's task page gets its input thumbnail and its video, and the team
 * history shows its poster and video.
 */
@ExtendWith(SharedStudio.class)
class AdminApiIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "admin-api-it-passphrase-7";
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));
    private static final Pattern MEDIA_URL = Pattern.compile("/media/(?:uploads|tasks)/[A-Za-z0-9_/-]+");

    private String user;
    private Http userApi;
    private Http adminApi;

    @BeforeEach
    void userAndAdmin() {
        user = "adminapi-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        userApi = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        adminApi = new Http(BASE).withBearer(Accounts.adminToken(BASE));
    }

    @AfterEach
    void noMoreFaults() {
        SIMULATOR.faults("{\"scope\":\"all\",\"dropRate\":0,\"resetRate\":0,\"slowAnswerRate\":0,"
                + "\"badGatewayRate\":0,\"errorAfterCreateRate\":0}");
    }

    @Test
    void anAdminListsAnotherUsersTaskReadsSpendAndHealthAndResolvesATaskInReviewWhichThenCompletes() {
        String prompt = "api review " + UUID.randomUUID();
        long id = SIMULATOR.taskInReview(userApi, prompt);
        noMoreFaults();

        JsonObject list = Http.json(adminApi.get("/api/v1/admin/tasks?state=needs_review&user=" + user));
        var listed = list.getJsonArray("tasks").getValuesAs(JsonObject.class);
        assertThat(listed).extracting(t -> t.getJsonObject("task").getJsonNumber("id").longValue()).contains(id);
        assertThat(listed).allSatisfy(t -> assertThat(t.getString("owner")).isEqualTo(user));

        var health = adminApi.get("/api/v1/admin/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonObject healthJson = Http.json(health);
        assertThat(healthJson.getBoolean("simulated")).isTrue();
        assertThat(healthJson.getJsonNumber("needsReview").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(health.body()).doesNotContainIgnoringCase("api-key").doesNotContain("sk_");

        var refused = adminApi.postJson("/api/v1/admin/tasks/" + id + "/resolution",
                "{\"action\":\"resubmit\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).getJsonObject("fields").getString("confirmMayBeChargedTwice"))
                .contains("charged twice");

        var attached = adminApi.postJson("/api/v1/admin/tasks/" + id + "/resolution", Json.createObjectBuilder()
                .add("action", "attach").add("providerTaskId", SIMULATOR.providerTaskIdOf(prompt)).build());
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(Http.json(userApi.get("/api/v1/tasks/" + id)).getString("state")));
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));

        var video = adminApi.getBytes("/api/v1/admin/tasks/" + id + "/video");
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");

        JsonObject spend = Http.json(adminApi.get("/api/v1/admin/spend?month=" + YearMonth.now(ZoneOffset.UTC)));
        assertThat(spend.getJsonArray("byUser").getValuesAs(JsonObject.class))
                .filteredOn(l -> l.getString("label").equals(user)).singleElement()
                .satisfies(l -> assertThat(l.getJsonNumber("seconds").longValue()).isEqualTo(2));
        assertThat(spend.getJsonArray("byUserAndDay").getValuesAs(JsonObject.class))
                .anySatisfy(l -> assertThat(l.getString("user")).isEqualTo(user));
        assertThat(adminApi.get("/api/v1/admin/spend?month=November").statusCode()).isEqualTo(400);

        assertThat(auditDetails("TASK_PROVIDER_ID_ATTACHED", id)).hasSize(1);
    }

    @Test
    void ofTwoAdminsResolvingOneTaskAtOnceOneWinsAndTheOtherIsToldWhoWithA409() throws Exception {
        long id = SIMULATOR.taskInReview(userApi, "two admins " + UUID.randomUUID());
        noMoreFaults();
        String second = "adminapi-2nd-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", second, "password", PASSWORD, "admin", "true");
        Http secondApi = new Http(BASE).withBearer(Accounts.apiToken(BASE, second, PASSWORD));

        var bothReady = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Http admin : List.of(adminApi, secondApi)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    bothReady.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return admin.postJson("/api/v1/admin/tasks/" + id + "/resolution", "{\"action\":\"fail\"}");
            }));
        }
        List<HttpResponse<String>> done = answers.stream().map(CompletableFuture::join).toList();

        assertThat(done).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> loser = done.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        JsonObject error = Http.json(loser);
        assertThat(error.getString("error")).isEqualTo("conflict");
        assertThat(error.getString("message")).startsWith("Task #" + id + " was already resolved by ")
                .endsWith("meanwhile; the page shows its current state.");
        assertThat(Http.json(userApi.get("/api/v1/tasks/" + id)).getString("state")).isEqualTo("FAILED");
        assertThat(auditDetails("TASK_MARKED_FAILED", id)).hasSize(1);
    }

    @Test
    void aNormalUserGets403ForEveryAdminPageAndEveryAdminEndpointAndNobodyElseGetsIn() throws IOException {
        long id = 1; // any id: the refusal comes before the task is looked up
        Accounts.Session session = Accounts.signIn(BASE, user, PASSWORD);
        for (String page : adminPages()) {
            assertThat(session.get(page).statusCode()).as(page).isEqualTo(403);
        }

        List<String[]> endpoints = adminEndpoints();
        assertThat(endpoints).extracting(e -> e[1]).contains("/api/v1/admin/tasks",
                "/api/v1/admin/tasks/{id}/resolution", "/api/v1/admin/spend", "/api/v1/admin/health");
        for (String[] endpoint : endpoints) {
            String path = endpoint[1].replace("{id}", Long.toString(id));
            var asUser = send(userApi, endpoint[0], path);
            assertThat(asUser.statusCode()).as(endpoint[0] + " " + path).isEqualTo(403);
            assertThat(Http.json(asUser).getString("error")).as(path).isEqualTo("forbidden");
            assertThat(send(new Http(BASE), endpoint[0], path).statusCode()).as("anonymous " + path).isEqualTo(401);
        }
    }

    @Test
    void aDemotedAdminsTokenAndOpenSessionLoseTheAdminPartAtOnce() {
        String admin = "adminapi-demoted-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", admin, "password", PASSWORD, "admin", "true");
        Http api = new Http(BASE).withBearer(Accounts.apiToken(BASE, admin, PASSWORD));
        assertThat(api.get("/api/v1/admin/health").statusCode()).isEqualTo(200);
        Accounts.Session page = Accounts.signIn(BASE, admin, PASSWORD);
        assertThat(page.get("/admin/history.xhtml").statusCode()).isEqualTo(200);

        Accounts.admin(BASE, "demote", "username", admin);

        // the browser session signed in as an admin loses the admin pages at its next request, and stays signed in
        assertThat(page.get("/admin/history.xhtml").statusCode()).isEqualTo(403);
        assertThat(page.get("/gallery.xhtml").statusCode()).isEqualTo(200);

        var refused = api.get("/api/v1/admin/health");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).getString("error")).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/tasks").statusCode()).as("still a user").isEqualTo(200);
    }

    @Test
    void anAdminOpeningAnotherUsersTaskGetsItsInputThumbnailAndVideoAndAThirdUserGetsNeither() {
        var created = userApi.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270))
                .field("prompt", "inputs for the admin " + UUID.randomUUID()).field("durationSeconds", "2")
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(Http.json(userApi.get("/api/v1/tasks/" + id)).getString("state")));

        Accounts.Session admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        var page = admin.get("/task.xhtml?id=" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        Set<String> urls = new LinkedHashSet<>();
        MEDIA_URL.matcher(page.body()).results().forEach(m -> urls.add(m.group()));
        String thumbnail = urls.stream().filter(u -> u.startsWith("/media/uploads/") && u.endsWith("/thumbnail"))
                .findFirst().orElseThrow(() -> new AssertionError("no input thumbnail in " + urls));
        String video = urls.stream().filter(u -> u.equals("/media/tasks/" + id + "/video")).findFirst()
                .orElseThrow(() -> new AssertionError("no video in " + urls));

        assertMedia(admin.http().getBytes(thumbnail), 200, "image/jpeg");
        assertMedia(admin.http().getBytes(video), 200, "video/mp4");
        // the team history's tile plays the same video, over its poster
        String history = admin.get("/admin/history.xhtml?user=" + user).body();
        assertThat(history).contains("src=\"/media/tasks/" + id + "/video\"")
                .contains("poster=\"/media/tasks/" + id + "/poster\"");
        assertMedia(admin.http().getBytes("/media/tasks/" + id + "/poster"), 200, "image/jpeg");

        String third = "adminapi-3rd-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", third, "password", PASSWORD);
        Accounts.Session stranger = Accounts.signIn(BASE, third, PASSWORD);
        assertThat(stranger.http().getBytes(thumbnail).statusCode()).isEqualTo(404);
        assertThat(stranger.http().getBytes(video).statusCode()).isEqualTo(404);
    }

    private static void assertMedia(HttpResponse<byte[]> response, int status, String contentType) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        assertThat(response.body()).isNotEmpty();
    }

    /** Every admin page on disk, the spend export, and the board the lead is adding (the constraint covers it). */
    private static Set<String> adminPages() throws IOException {
        Set<String> pages = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(Path.of("webapp", "admin"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xhtml")).sorted()
                    .forEach(n -> pages.add("/admin/" + n));
        }
        assertThat(pages).contains("/admin/users.xhtml", "/admin/history.xhtml", "/admin/health.xhtml");
        pages.add("/admin/spend.csv");
        pages.add("/admin/board.xhtml");
        return pages;
    }

    /** Method and path of every admin operation in the OpenAPI document. */
    private static List<String[]> adminEndpoints() {
        List<String[]> endpoints = new ArrayList<>();
        JsonObject paths = Http.json(new Http(BASE).get("/openapi?format=JSON")).getJsonObject("paths");
        paths.forEach((path, operations) -> {
            String full = path.startsWith("/api/") ? path : "/api" + path;
            if (full.startsWith("/api/v1/admin")) {
                operations.asJsonObject().keySet().stream().filter(m -> Set.of("get", "post", "put", "delete")
                        .contains(m)).forEach(m -> endpoints.add(new String[] {m.toUpperCase(), full}));
            }
        });
        return endpoints;
    }

    private static HttpResponse<String> send(Http http, String method, String path) {
        return switch (method) {
            case "GET" -> http.get(path);
            case "POST" -> http.postJson(path, "{\"action\":\"fail\"}");
            case "PUT" -> http.put(path);
            case "DELETE" -> http.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** The audit log's details of this type about this task, read through the admin API. */
    private List<String> auditDetails(String type, long id) {
        var events = Http.json(adminApi.get("/api/v1/admin/audit?limit=200&type=" + type)).getJsonArray("events");
        return events.getValuesAs(JsonObject.class).stream().map(e -> e.getString("detail"))
                .filter(d -> d.startsWith("task #" + id + " of ")).toList();
    }


}
