package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's data as an API client sees it: filters, search, sorts, keyset pages while new tasks arrive,
 * favourites, tags, delete (rows and files), lineage. A fresh account per run, so that every count is exact; the
 * library below is made once through the API with the simulator.
 */
@ExtendWith(SharedStudio.class)
class GalleryApiIT {
    private static final Http APP = new Http(Http.IT_BASE);
    private static final String USER = "gallery-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "gallery-it-passphrase-" + UUID.randomUUID();
    private static Http api;
    private static Path work;

    private static long harbour;
    private static long chinese;
    private static long percent;
    private static long lookalike;
    private static long firstLast;
    private static long withAudio;
    private static long firstLastAudio;
    private static long clip;
    private static long clipToFrame;
    private static long failed;
    private static List<Long> library;

    @BeforeAll
    static void makeTheLibrary(@TempDir Path dir) throws Exception {
        work = dir;
        Accounts.admin(APP.base(), "create", "username", USER, "password", PASSWORD);
        api = APP.withBearer(Accounts.apiToken(APP.base(), USER, PASSWORD));
        Path clipFile = TestMedia.mp4(dir.resolve("clip.mp4"), 320, 240, 8, 24);
        Path audioFile = TestMedia.wav(dir.resolve("voice.wav"), 2.5);

        harbour = submit(form("Harbour lights at dusk", 2, "720P").file("firstFrame", "a.png", "image/png", png()));
        chinese = submit(form("海港的夜晚, lanterns", 3, "1080P").file("firstFrame", "b.png", "image/png", png()));
        percent = submit(form("Discount 100% off_sale", 6, "720P").file("firstFrame", "c.png", "image/png", png()));
        lookalike = submit(form("Discount 100 percent offXsale", 2, "720P").field("negativePrompt", "blurry NEGONLY")
                .file("firstFrame", "d.png", "image/png", png()));
        firstLast = submit(form("Day turns to night", 4, "720P").file("firstFrame", "e.png", "image/png", png())
                .file("lastFrame", "f.png", "image/png", png()));
        withAudio = submit(form("She sings", 2, "720P").file("firstFrame", "g.png", "image/png", png())
                .file("drivingAudio", "voice.wav", "audio/wav", Files.readAllBytes(audioFile)));
        firstLastAudio = submit(form("He sings to the end", 2, "720P").file("firstFrame", "h.png", "image/png", png())
                .file("lastFrame", "i.png", "image/png", png())
                .file("drivingAudio", "voice.wav", "audio/wav", Files.readAllBytes(audioFile)));
        clip = submit(form("The camera keeps flying", 5, "720P")
                .file("firstClip", "clip.mp4", "video/mp4", Files.readAllBytes(clipFile)));
        clipToFrame = submit(form("It lands at the harbour", 2, "720P")
                .file("firstClip", "clip.mp4", "video/mp4", Files.readAllBytes(clipFile))
                .file("lastFrame", "j.png", "image/png", png()));
        failed = submit(form("Nothing comes of it [simulate-fail: broken]", 3, "720P")
                .file("firstFrame", "k.png", "image/png", png()));
        library = List.of(harbour, chinese, percent, lookalike, firstLast, withAudio, firstLastAudio, clip,
                clipToFrame, failed);
        for (long id : library) {
            awaitFinal(id);
        }
    }

    @Test
    void theListShowsTheLibraryNewestFirstWithTheGalleryFields() {
        JsonObject page = list("limit=200");

        assertThat(ids(page)).containsSubsequence(reversed(library));
        JsonObject task = page.getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getJsonNumber("id").longValue() == harbour).findFirst().orElseThrow();
        assertThat(task.getBoolean("favourite")).isFalse();
        assertThat(task.getJsonArray("tags")).isEmpty();
        assertThat(task.containsKey("parentTaskId")).isFalse();
        assertThat(page.containsKey("nextCursor")).isFalse(); // one page holds everything
        assertThat(ids(list("max=3"))).hasSize(3); // the former parameter still works
        assertThat(status("first=0&max=3")).isEqualTo(200);
        assertThat(status("first=3")).isEqualTo(400);
    }

    @Test
    void stateFiltersFindTheFailedAndTheCompleted() {
        // other tests add failed tasks of their own: look at the library's
        assertThat(inLibrary(list("state=failed&limit=200"))).containsExactly(failed);
        assertThat(inLibrary(list("state=COMPLETED&limit=200"))).containsExactlyInAnyOrderElementsOf(
                library.stream().filter(id -> id != failed).toList());
        assertThat(inLibrary(list("state=failed,completed&limit=200"))).containsExactlyInAnyOrderElementsOf(library);
        assertThat(inLibrary(list("state=failed&state=needs_review&limit=200"))).containsExactly(failed);
        assertThat(ids(list("state=running&q=" + enc("Harbour")))).isEmpty();
        assertThat(error("state=done").getJsonObject("fields").keySet()).containsExactly("state");
    }

    @Test
    void eachModeFindsTheTasksMadeFromItsInputs() {
        assertThat(ids(list("mode=FIRST_FRAME&limit=200"))).containsAll(List.of(harbour, chinese, percent, lookalike,
                failed)).doesNotContain(firstLast, withAudio, clip, clipToFrame, firstLastAudio);
        assertThat(ids(list("mode=first_last"))).containsExactly(firstLast);
        assertThat(ids(list("mode=FIRST_FRAME_AUDIO"))).containsExactly(withAudio);
        assertThat(ids(list("mode=FIRST_LAST_AUDIO"))).containsExactly(firstLastAudio);
        assertThat(ids(list("mode=CONTINUE_CLIP"))).containsExactly(clip);
        assertThat(ids(list("mode=CONTINUE_CLIP_TO_FRAME"))).containsExactly(clipToFrame);
        assertThat(error("mode=MOVIE").getJsonObject("fields").keySet()).containsExactly("mode");
    }

    @Test
    void resolutionAndDaysFilter() {
        assertThat(ids(list("resolution=1080P"))).containsExactly(chinese);
        assertThat(ids(list("resolution=720p&limit=200"))).contains(harbour).doesNotContain(chinese);

        LocalDate made = LocalDate.ofInstant(Instant.parse(task(harbour).getString("createdAt")), ZoneOffset.UTC);
        assertThat(ids(list("from=" + made + "&to=" + made + "&limit=200"))).contains(harbour);
        assertThat(ids(list("from=" + made + "&limit=200"))).contains(harbour);
        assertThat(ids(list("from=" + made.plusDays(1)))).isEmpty();
        assertThat(ids(list("to=" + made.minusDays(1)))).isEmpty();
        assertThat(error("from=" + made + "&to=" + made.minusDays(1)).getJsonObject("fields").keySet())
                .containsExactly("to");
        assertThat(error("from=yesterday").getJsonObject("fields").keySet()).containsExactly("from");
    }

    @Test
    void searchFindsTextInEitherPromptInAnyCaseAndTakesWildcardsLiterally() {
        assertThat(ids(list("q=" + enc("HARBOUR LIGHTS")))).containsExactly(harbour);
        assertThat(ids(list("q=" + enc("harbour")))).containsExactlyInAnyOrder(harbour, clipToFrame);
        assertThat(ids(list("q=" + enc("海港")))).containsExactly(chinese);
        assertThat(ids(list("q=" + enc("的夜晚, LANTERNS")))).containsExactly(chinese);
        assertThat(ids(list("q=" + enc("negonly")))).containsExactly(lookalike);
        assertThat(ids(list("q=" + enc("100%")))).containsExactly(percent);
        assertThat(ids(list("q=" + enc("off_sale")))).containsExactly(percent);
        assertThat(ids(list("q=" + enc("%")))).containsExactly(percent);
        assertThat(ids(list("q=" + enc("_")))).containsExactly(percent);
        assertThat(ids(list("q=" + enc("nowhere to be found")))).isEmpty();
    }

    @Test
    void everySortOrdersTheWholeLibraryWithTiesByIdInTheSameDirection() {
        List<JsonObject> newest = tasks(list("sort=newest&limit=200"));
        assertThat(newest).extracting(t -> t.getJsonNumber("id").longValue())
                .isSortedAccordingTo(Comparator.reverseOrder());
        List<JsonObject> oldest = tasks(list("sort=OLDEST&limit=200"));
        assertThat(oldest).extracting(t -> t.getJsonNumber("id").longValue()).isSorted();

        Comparator<JsonObject> byDuration = Comparator.<JsonObject>comparingInt(t -> t.getInt("durationSeconds"))
                .thenComparingLong(t -> t.getJsonNumber("id").longValue());
        Comparator<JsonObject> byCost = Comparator.<JsonObject, BigDecimal>comparing(
                t -> t.getJsonNumber("costEstimate").bigDecimalValue()).thenComparingLong(
                        t -> t.getJsonNumber("id").longValue());
        assertThat(tasks(list("sort=longest&limit=200"))).isSortedAccordingTo(byDuration.reversed())
                .first().satisfies(t -> assertThat(t.getJsonNumber("id").longValue()).isEqualTo(percent));
        assertThat(tasks(list("sort=shortest&limit=200"))).isSortedAccordingTo(byDuration);
        assertThat(tasks(list("sort=costliest&limit=200"))).isSortedAccordingTo(byCost.reversed());
        assertThat(tasks(list("sort=cheapest&limit=200"))).isSortedAccordingTo(byCost).hasSize(newest.size());
        assertThat(error("sort=random").getJsonObject("fields").keySet()).containsExactly("sort");
    }

    @Test
    void keysetPagesHaveNoDuplicatesOrGapsWhileNewTasksArrive() {
        String marker = "paging " + UUID.randomUUID();
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            made.add(submitCheap(marker + " #" + i, 2 + i % 3));
        }
        List<Long> seen = new ArrayList<>();
        List<Long> arrivedLater = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = list("q=" + enc(marker) + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
            pages++;
            // tasks made between two page requests belong before the first page, never into the next ones
            arrivedLater.add(submitCheap(marker + " later " + pages, 2));
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactlyElementsOf(reversed(made));
        assertThat(ids(list("q=" + enc(marker) + "&limit=7"))).startsWith(reversed(arrivedLater).toArray(Long[]::new));

        // a sort with many equal keys (three durations over 25 tasks) pages through the ties exactly too
        for (String sort : List.of("longest", "cheapest")) {
            List<Long> all = ids(list("q=" + enc(marker) + "&sort=" + sort + "&limit=200"));
            List<Long> paged = new ArrayList<>();
            String next = null;
            do {
                JsonObject page = list("q=" + enc(marker) + "&sort=" + sort + "&limit=4"
                        + (next == null ? "" : "&cursor=" + next));
                paged.addAll(ids(page));
                next = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
            } while (next != null && paged.size() <= all.size());
            assertThat(paged).as(sort).containsExactlyElementsOf(all).doesNotHaveDuplicates();
        }
    }

    @Test
    void aChangedOrForeignCursorIsA400NeverA500() {
        String cursor = list("limit=2").getString("nextCursor");
        String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                plain.replace("NEWEST", "NEWEST'; DROP TABLE generation_task; --").getBytes(StandardCharsets.UTF_8));

        for (String query : List.of("cursor=" + changed, "cursor=" + cursor.substring(3), "cursor=%25%25%25",
                "sort=oldest&limit=2&cursor=" + cursor, "cursor=" + "A".repeat(300))) {
            JsonObject error = error(query);
            assertThat(error.getString("error")).as(query).isEqualTo("invalid_request");
            assertThat(error.getJsonObject("fields").keySet()).as(query).containsExactly("cursor");
        }
        assertThat(status("limit=2&cursor=" + cursor)).isEqualTo(200);
        assertThat(status("limit=0")).isEqualTo(400);
        assertThat(status("limit=201")).isEqualTo(400);
    }

    @Test
    void favouritesAreMarkedUnmarkedAndFiltered() {
        JsonObject marked = Http.json(api.put("/api/v1/tasks/" + chinese + "/favourite"));
        assertThat(marked.getBoolean("favourite")).isTrue();
        assertThat(api.put("/api/v1/tasks/" + chinese + "/favourite").statusCode()).isEqualTo(200); // again
        api.put("/api/v1/tasks/" + clip + "/favourite");

        assertThat(ids(list("favourite=true"))).containsExactly(clip, chinese);
        assertThat(ids(list("favourite=true&sort=longest"))).containsExactly(clip, chinese);

        var unmarked = api.delete("/api/v1/tasks/" + clip + "/favourite");
        assertThat(Http.json(unmarked).getBoolean("favourite")).isFalse();
        assertThat(ids(list("favourite=true"))).containsExactly(chinese);
        assertThat(task(chinese).getBoolean("favourite")).isTrue();
        assertThat(api.put("/api/v1/tasks/987654321/favourite").statusCode()).isEqualTo(404);
        assertThat(error("favourite=maybe").getJsonObject("fields").keySet()).containsExactly("favourite");
        api.delete("/api/v1/tasks/" + chinese + "/favourite");
    }

    @Test
    void tagsFollowTheRuleAreCountedAndFilter() {
        JsonObject tagged = Http.json(addTag(firstLast, "  Golden Hour "));
        assertThat(tagged.getJsonArray("tags").getValuesAs(JsonValue.class)).extracting(Object::toString)
                .containsExactly("\"golden hour\"");
        addTag(firstLast, "夜景");
        addTag(withAudio, "GOLDEN HOUR");
        assertThat(addTag(withAudio, "golden hour").statusCode()).isEqualTo(200); // once per task

        assertThat(tagCounts()).containsEntry("golden hour", 2L).containsEntry("夜景", 1L);
        assertThat(ids(list("tag=" + enc("Golden Hour")))).containsExactly(withAudio, firstLast);
        assertThat(ids(list("tag=" + enc("夜景")))).containsExactly(firstLast);
        assertThat(tasks(list("tag=" + enc("夜景"))).get(0).getJsonArray("tags")).hasSize(2);

        for (String bad : List.of("", "   ", "a/b", "50%", "x".repeat(41))) {
            var refused = addTag(harbour, bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(Http.json(refused).getJsonObject("fields").keySet()).containsExactly("tag");
        }
        assertThat(addTag(987654321L, "fine").statusCode()).isEqualTo(404);

        var removed = api.delete("/api/v1/tasks/" + firstLast + "/tags/" + enc("GOLDEN hour"));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(Http.json(removed).getJsonArray("tags")).hasSize(1);
        assertThat(tagCounts()).containsEntry("golden hour", 1L);
        api.delete("/api/v1/tasks/" + withAudio + "/tags/" + enc("golden hour"));
        api.delete("/api/v1/tasks/" + firstLast + "/tags/" + enc("夜景"));
        assertThat(tagCounts()).doesNotContainKeys("golden hour", "夜景");
    }

    @Test
    void deletingRemovesTheRowItsVideoPosterAndUploadButNotAnotherUsersRequestOrARunningTask() throws Exception {
        long doomed = submit(form("To be deleted " + UUID.randomUUID(), 2, "720P")
                .file("firstFrame", "z.png", "image/png", png()));
        awaitFinal(doomed);
        Path results = SharedStudio.DATA.resolve("media").resolve("results").resolve(USER)
                .resolve(Long.toString(doomed));
        assertThat(results.resolve("video.mp4")).isRegularFile();
        assertThat(results.resolve("poster.jpg")).isRegularFile();
        long uploadsBefore = Accounts.uploadRows(APP.base(), USER);
        Set<Path> inputsBefore = files(SharedStudio.DATA.resolve("media").resolve("inputs"));

        String other = "gallery-other-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(APP.base(), "create", "username", other, "password", PASSWORD);
        Http stranger = APP.withBearer(Accounts.apiToken(APP.base(), other, PASSWORD));
        assertThat(stranger.delete("/api/v1/tasks/" + doomed).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/" + doomed).statusCode()).isEqualTo(200);

        assertThat(api.delete("/api/v1/tasks/" + doomed).statusCode()).isEqualTo(204);

        assertThat(api.get("/api/v1/tasks/" + doomed).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/" + doomed + "/video").statusCode()).isEqualTo(404);
        assertThat(results).doesNotExist();
        assertThat(Accounts.uploadRows(APP.base(), USER)).isEqualTo(uploadsBefore - 1);
        Set<Path> gone = new HashSet<>(inputsBefore);
        gone.removeAll(files(SharedStudio.DATA.resolve("media").resolve("inputs")));
        assertThat(gone).hasSize(1);
        assertThat(api.delete("/api/v1/tasks/" + doomed).statusCode()).isEqualTo(404);

        long running = submit(form("Still running " + UUID.randomUUID(), 2, "720P")
                .file("firstFrame", "y.png", "image/png", png()));
        var refused = api.delete("/api/v1/tasks/" + running);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Http.json(refused).getString("error")).isEqualTo("conflict");
        assertThat(Http.json(refused).getString("message")).contains("still running");
        assertThat(api.get("/api/v1/tasks/" + running).statusCode()).isEqualTo(200);
        awaitFinal(running);
        assertThat(api.delete("/api/v1/tasks/" + running).statusCode()).isEqualTo(204);
    }

    @Test
    void aChainRunsFromItsRootToTheTaskWithItsTotalCostAndSurvivesADeletedParent() {
        String marker = UUID.randomUUID().toString();
        long root = submitCheap("root " + marker, 2); // 0.10
        long refused = submitWith(Json.createObjectBuilder(cheap("remix [simulate-no-balance] " + marker, 3))
                .add("parentTaskId", root).add("lineage", "remix").build()); // refused: costs nothing
        long retry = submitWith(Json.createObjectBuilder(cheap("retry " + marker, 3))
                .add("parentTaskId", refused).add("lineage", "RETRY").build()); // 0.15
        assertThat(task(refused).getString("state")).isEqualTo("FAILED");
        assertThat(task(retry).getJsonNumber("parentTaskId").longValue()).isEqualTo(refused);
        assertThat(task(retry).getString("lineage")).isEqualTo("RETRY");

        JsonObject chain = Http.json(api.get("/api/v1/tasks/" + retry + "/chain"));
        assertThat(ids(chain)).containsExactly(root, refused, retry);
        assertThat(chain.getJsonNumber("totalCost").bigDecimalValue()).isEqualByComparingTo("0.25");
        assertThat(chain.getString("currency")).isEqualTo("USD");
        assertThat(chain.getBoolean("complete")).isTrue();
        assertThat(ids(Http.json(api.get("/api/v1/tasks/" + root + "/children")))).containsExactly(refused);

        var wrongLineage = api.postJson("/api/v1/tasks", Json.createObjectBuilder(cheap("x " + marker, 2))
                .add("parentTaskId", root).add("lineage", "STITCH").build());
        assertThat(wrongLineage.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrongLineage).getJsonObject("fields").keySet()).containsExactly("lineage");

        awaitFinal(root);
        assertThat(api.delete("/api/v1/tasks/" + root).statusCode()).isEqualTo(204);
        JsonObject orphan = task(refused);
        assertThat(orphan.containsKey("parentTaskId")).isFalse();
        assertThat(orphan.getString("lineage")).isEqualTo("REMIX");
        assertThat(ids(Http.json(api.get("/api/v1/tasks/" + retry + "/chain")))).containsExactly(refused, retry);
        assertThat(api.get("/api/v1/tasks/987654321/chain").statusCode()).isEqualTo(404);
    }

    // --- helpers

    private static Http.Multipart form(String prompt, int seconds, String resolution) {
        return new Http.Multipart().field("prompt", prompt).field("durationSeconds", Integer.toString(seconds))
                .field("resolution", resolution);
    }

    private static long submit(Http.Multipart form) {
        var created = api.postMultipart("/api/v1/tasks", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getJsonNumber("id").longValue();
    }

    /** A task that fails in the simulator (no video to make): cheap on the build machine's CPU. */
    private static long submitCheap(String prompt, int seconds) {
        return submit(form(prompt + " [simulate-fail: cheap]", seconds, "720P")
                .file("firstFrame", "p.png", "image/png", png()));
    }

    /** A multipart submit with these fields (text parts) and an image. */
    private static long submitWith(JsonObject fields) {
        var form = new Http.Multipart().file("firstFrame", "p.png", "image/png", png());
        fields.forEach((name, value) -> form.field(name, value instanceof jakarta.json.JsonString text
                ? text.getString() : value.toString()));
        return submit(form);
    }

    private static Map<String, Object> cheap(String prompt, int seconds) {
        return Map.of("prompt", prompt + " [simulate-fail: cheap]", "durationSeconds", seconds,
                "resolution", "720P");
    }

    private static void awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Set.of("COMPLETED", "FAILED", "NEEDS_REVIEW").contains(task(id).getString("state")));
    }

    private static JsonObject task(long id) {
        var response = api.get("/api/v1/tasks/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static HttpResponse<String> addTag(long id, String tag) {
        return api.postJson("/api/v1/tasks/" + id + "/tags", Json.createObjectBuilder().add("tag", tag).build());
    }

    private static Map<String, Long> tagCounts() {
        var response = api.get("/api/v1/tags");
        assertThat(response.statusCode()).isEqualTo(200);
        var counts = new java.util.TreeMap<String, Long>();
        Http.json(response).getJsonArray("tags").getValuesAs(JsonObject.class)
                .forEach(t -> counts.put(t.getString("tag"), t.getJsonNumber("count").longValue()));
        return counts;
    }

    private static JsonObject list(String query) {
        var response = api.get("/api/v1/tasks?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static int status(String query) {
        return api.get("/api/v1/tasks?" + query).statusCode();
    }

    private static JsonObject error(String query) {
        var response = api.get("/api/v1/tasks?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Http.json(response);
    }

    private static List<Long> inLibrary(JsonObject page) {
        return ids(page).stream().filter(library::contains).toList();
    }

    private static List<JsonObject> tasks(JsonObject page) {
        return page.getJsonArray("tasks").getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(JsonObject page) {
        return tasks(page).stream().map(t -> t.getJsonNumber("id").longValue()).toList();
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] png() {
        return TestMedia.png(320, 240);
    }

    private static Set<Path> files(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return new HashSet<>(list.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
