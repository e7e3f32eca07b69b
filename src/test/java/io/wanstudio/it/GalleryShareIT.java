package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.within;

import io.wanstudio.gallery.DownloadNames;
import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTP against the shared studio: share links (open without signing in, seek, expire, are revoked, reach
 * nothing else), the zip of chosen videos and download names, and a chain of real simulator videos stitched into
 * one film that ffprobe plays with the summed duration.
 */
@ExtendWith(SharedStudio.class)
class GalleryShareIT {
    private static final Http APP = new Http(SharedStudio.BASE);
    private static final String USER = "share-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = "other-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "share-it-passphrase-7c1d";

    private static Http api;
    private static Accounts.Session session;
    /** A from an image; B continues A's video; C a portrait video; O another user's. */
    private static JsonObject a;
    private static JsonObject b;
    private static JsonObject c;
    private static JsonObject o;

    @TempDir
    static Path folder;

    @BeforeAll
    static void makeVideos() throws Exception {
        Accounts.admin(APP.base(), "create", "username", USER, "password", PASSWORD);
        Accounts.admin(APP.base(), "create", "username", OTHER, "password", PASSWORD);
        session = Accounts.signIn(APP.base(), USER, PASSWORD);
        api = APP.withBearer(session.createToken("gallery it"));
        Http otherApi = APP.withBearer(Accounts.apiToken(APP.base(), OTHER, PASSWORD));
        long aId = submit(api, new Http.Multipart().file("firstFrame", "f.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", "Lanterns <sway> in the wind & rain " + UUID.randomUUID()));
        long cId = submit(api, new Http.Multipart().file("firstFrame", "p.png", "image/png", TestMedia.png(360, 640))
                .field("prompt", "A portrait of a tower"));
        long oId = submit(otherApi, new Http.Multipart().file("firstFrame", "o.png", "image/png",
                TestMedia.png(640, 360)).field("prompt", "Someone else's video"));
        a = completed(api, aId);
        c = completed(api, cId);
        o = completed(otherApi, oId);
        long bId = submit(api, new Http.Multipart().file("firstClip", "a.mp4", "video/mp4", video(a))
                .field("prompt", "The river flows on"));
        b = completed(api, bId);
    }

    @Test
    void aSharedVideoOpensWithoutSigningInAndSeeks() {
        String link = share(a, 24);
        var page = APP.get(link);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Lanterns &lt;sway&gt; in the wind &amp; rain")
                .contains(link + "/video").contains(link + "/poster").contains("<time datetime=\"")
                .doesNotContain("<sway>").doesNotContain(USER).doesNotContain("<a ");
        assertThat(page.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.headers().firstValue("Set-Cookie")).as("no session for a visitor").isEmpty();

        byte[] whole = video(a);
        var part = APP.getBytes(link + "/video", "Range", "bytes=100-1099");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 1100));
        assertThat(APP.head(link + "/video").headers().firstValueAsLong("Content-Length"))
                .hasValue(whole.length);
        var poster = APP.getBytes(link + "/poster");
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("image/jpeg"));
    }

    @Test
    void aShareTokenReachesNothingElse() {
        String link = share(a, 24);
        String token = link.substring("/s/".length());
        long id = id(a);

        assertThat(APP.get(link + "/" + id(b) + "/video").statusCode()).isEqualTo(404);
        assertThat(APP.get(link + "/video/" + id).statusCode()).isEqualTo(404);
        assertThat(APP.get(link + "/download").statusCode()).isEqualTo(404);
        assertThat(APP.get("/s/" + id + "/video").statusCode()).isEqualTo(404);
        var bearer = APP.withBearer(token);
        assertThat(bearer.get("/api/v1/tasks").statusCode()).isEqualTo(401);
        assertThat(bearer.get("/api/v1/tasks/" + id + "/video").statusCode()).isEqualTo(401);
        assertThat(APP.get("/media/tasks/" + id + "/video?token=" + token).statusCode()).as("to the login page")
                .isEqualTo(302);
        assertThat(APP.get("/media/zip?id=" + id + "&token=" + token).statusCode()).isEqualTo(302);
        assertThat(APP.get("/?token=" + token).statusCode()).isEqualTo(302);
    }

    @Test
    void expiredRevokedAndUnknownLinksSaySo() {
        String[] expiring = gallery("share", "owner", USER, "task", Long.toString(id(a)), "hours", "1").split(" ");
        String[] revoked = gallery("share", "owner", USER, "task", Long.toString(id(a)), "hours", "720").split(" ");
        assertThat(APP.get(expiring[1]).statusCode()).isEqualTo(200);

        assertThat(gallery("expire", "link", expiring[0])).isEqualTo("1");
        assertThat(gallery("revoke", "owner", OTHER, "link", revoked[0])).as("not theirs").isEqualTo("false");
        assertThat(gallery("revoke", "owner", USER, "link", revoked[0])).isEqualTo("true");

        var expired = APP.get(expiring[1]);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired");
        assertThat(APP.get(expiring[1] + "/video").statusCode()).isEqualTo(410);
        var gone = APP.get(revoked[1]);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("This link was revoked");
        assertThat(APP.getBytes(revoked[1] + "/poster").statusCode()).isEqualTo(410);
        var unknown = APP.get("/s/" + "A".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("This link does not exist");
        assertThat(gallery("list", "owner", USER, "task", Long.toString(id(a))))
                .contains(expiring[0] + " EXPIRED").contains(revoked[0] + " REVOKED");

        assertThat(galleryRefusal("share", "owner", USER, "task", Long.toString(id(a)), "hours", "0"))
                .isEqualTo("A share link can be valid for 1 hour to 30 days.");
        assertThat(galleryRefusal("share", "owner", USER, "task", Long.toString(id(o)), "hours", "24"))
                .isEqualTo("There is no such task.");
    }

    @Test
    void theZipHoldsTheChosenVideosUnderTheirDownloadNames() throws Exception {
        var zip = session.http().getBytes("/media/zip?id=" + id(a) + "&id=" + id(o) + "&id=" + id(b)
                + "&id=987654321");

        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\""
                + DownloadNames.zip(Instant.now(), 2) + "\"");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactly(name(a), name(b));
        assertThat(entries.get(name(a))).isEqualTo(video(a));
        assertThat(entries.get(name(b))).isEqualTo(video(b));

        var single = session.http().head("/media/tasks/" + id(a) + "/video?download=1");
        assertThat(single.headers().firstValue("Content-Disposition")).hasValue(
                DownloadNames.attachment(name(a)));
        assertThat(api.head("/api/v1/tasks/" + id(a) + "/video").headers().firstValue("Content-Disposition"))
                .hasValue(DownloadNames.attachment(name(a)));
        assertThat(session.http().get("/media/zip?id=" + id(o)).statusCode()).isEqualTo(404);
        String tooMany = LongStream.rangeClosed(1, 101).mapToObj(i -> "id=" + i).collect(Collectors.joining("&"));
        assertThat(session.http().get("/media/zip?" + tooMany).statusCode()).isEqualTo(400);
    }

    @Test
    void aChainIsStitchedIntoOneFilmOfTheSummedDuration() throws Exception {
        assertThat(gallery("extends", "task", Long.toString(id(b)), "parent", Long.toString(id(a)))).isEqualTo("1");

        long film = Long.parseLong(gallery("stitch", "owner", USER, "task", Long.toString(id(b))));

        JsonObject task = Http.json(api.get("/api/v1/tasks/" + film));
        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getInt("durationSeconds")).isEqualTo(a.getInt("durationSeconds") + b.getInt("durationSeconds"));
        VideoCheck joined = VideoCheck.of(Files.write(folder.resolve("film.mp4"), video(task)));
        VideoCheck first = VideoCheck.of(Files.write(folder.resolve("a.mp4"), video(a)));
        VideoCheck second = VideoCheck.of(Files.write(folder.resolve("b.mp4"), video(b)));
        assertThat(joined.decodesCleanly()).isTrue();
        assertThat(joined.width()).isEqualTo(first.width());
        assertThat(joined.durationSeconds()).isCloseTo(first.durationSeconds() + second.durationSeconds(),
                within(0.2));
        assertThat(api.getBytes("/api/v1/tasks/" + film + "/poster").statusCode()).isEqualTo(200);
    }

    @Test
    void stitchingRefusesAChainOfOneAndVideosThatDoNotMatch() throws Exception {
        assertThat(galleryRefusal("stitch", "owner", USER, "task", Long.toString(id(a))))
                .contains("does not continue another video");
        assertThat(gallery("extends", "task", Long.toString(id(c)), "parent", Long.toString(id(a)))).isEqualTo("1");
        VideoCheck landscape = VideoCheck.of(Files.write(folder.resolve("a2.mp4"), video(a)));
        VideoCheck portrait = VideoCheck.of(Files.write(folder.resolve("c.mp4"), video(c)));

        assertThat(galleryRefusal("stitch", "owner", USER, "task", Long.toString(id(c)))).contains(
                "clip 2 is " + portrait.width() + "×" + portrait.height() + ", the others " + landscape.width() + "×"
                        + landscape.height());
    }

    private static long submit(Http http, Http.Multipart form) {
        var created = http.postMultipart("/api/v1/tasks", form.field("durationSeconds", "2"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getJsonNumber("id").longValue();
    }

    private static JsonObject completed(Http http, long id) {
        JsonObject done = Http.json(await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/v1/tasks/" + id), r -> !Http.json(r).getString("state")
                        .matches("SUBMITTING|QUEUED|PROCESSING|DOWNLOADING")));
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }

    private static long id(JsonObject task) {
        return task.getJsonNumber("id").longValue();
    }

    private static byte[] video(JsonObject task) {
        var video = api.getBytes("/api/v1/tasks/" + id(task) + "/video");
        assertThat(video.statusCode()).isEqualTo(200);
        return video.body();
    }

    private static String name(JsonObject task) {
        return DownloadNames.of(Instant.parse(task.getString("createdAt")), task.getString("prompt"), id(task));
    }

    private static String share(JsonObject task, int hours) {
        return gallery("share", "owner", USER, "task", Long.toString(id(task)), "hours", Integer.toString(hours))
                .split(" ")[1];
    }

    private static String gallery(String action, String... fields) {
        HttpResponse<String> response = galleryCall(action, fields);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String galleryRefusal(String action, String... fields) {
        HttpResponse<String> response = galleryCall(action, fields);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        return response.body();
    }

    private static HttpResponse<String> galleryCall(String action, String... fields) {
        var form = new LinkedHashMap<String, String>();
        form.put("action", action);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return APP.postForm(TestGalleryServlet.PATH, Accounts.encode(form));
    }
}
