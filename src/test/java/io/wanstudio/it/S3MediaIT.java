package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.S3TestServer;
import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A studio configured for an S3-compatible store (s3proxy on loopback, started here): an upload goes to the
 * bucket and the provider (the built-in simulator) fetches it there by its presigned link; the result lands in
 * the bucket, and an instance without a local copy still streams it, with byte ranges, to its owner's page.
 */
class S3MediaIT {
    private static final int S3_PORT = StudioProcess.portNextToIt(10);
    private static final int PORT = StudioProcess.portNextToIt(24);
    private static final Path WORK = StudioProcess.BUILD.resolve("s3-it");
    private static final String BUCKET = "wan-media";

    private static S3TestServer s3;
    private static StudioProcess studio;

    @BeforeAll
    static void start() throws Exception {
        StudioProcess.deleteTree(WORK);
        s3 = S3TestServer.start(S3_PORT, WORK.resolve("s3"));
        studio = StudioProcess.uberJar(WORK, "studio", PORT, List.of(
                "-Dwan.admin.user=" + Accounts.ADMIN,
                "-Dwan.admin.password=" + Accounts.ADMIN_PASSWORD,
                "-Dwan.data-dir=" + WORK.resolve("studio-data"),
                "-Dwan.s3.endpoint=" + s3.endpoint(),
                "-Dwan.s3.bucket=" + BUCKET,
                "-Dwan.s3.region=us-east-1",
                "-Dwan.s3.access-key=" + S3TestServer.ACCESS_KEY,
                "-Dwan.s3.secret-key=" + S3TestServer.SECRET_KEY,
                "-Dwan.s3.path-style=true",
                "-Dwan.upload-link-ttl-seconds=120",
                // the simulator may fetch from the loopback store, as Novita fetches from a public one
                "-Dwan.simulator.fetch-allow=" + s3.endpoint() + ",http://localhost:" + PORT,
                "-Dwan.simulator.queued-seconds=1",
                "-Dwan.simulator.processing-seconds=2"));
        studio.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (studio != null) {
            studio.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void anUploadReachesTheProviderThroughTheBucketAndTheResultIsServedFromIt() throws Exception {
        Http api = new Http(studio.base()).withBearer(Accounts.adminToken(studio.base()));
        String prompt = "from the bucket " + UUID.randomUUID();
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", prompt).field("durationSeconds", "2").field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();

        JsonObject done = api.taskOnceEnded(id, Duration.ofSeconds(120));
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");

        // the input was kept in the bucket and read from it by the provider's presigned GET
        assertThat(s3.reads()).anySatisfy(key -> assertThat(key).startsWith("inputs/").endsWith(".png"));
        String video = "results/admin/" + id + "/video.mp4";
        assertThat(s3.blobs().blobExists(BUCKET, video)).isTrue();
        assertThat(s3.blobs().blobExists(BUCKET, "results/admin/" + id + "/poster.jpg")).isTrue();
        byte[] stored;
        try (var in = s3.blobs().getBlob(BUCKET, video).getPayload().openStream()) {
            stored = in.readAllBytes();
        }
        assertThat(stored).hasSize((int) done.getJsonNumber("videoBytes").longValue());

        // as on a replica that did not download it: no local copy, the page still plays and seeks in it
        Path local = WORK.resolve("studio-data").resolve("media").resolve(video);
        Files.delete(local);
        var page = Accounts.signIn(studio.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD).http();
        var part = page.getBytes("/media/tasks/" + id + "/video", "Range", "bytes=100-1099");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + stored.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(stored, 100, 1100));
        assertThat(page.getBytes("/media/tasks/" + id + "/poster").statusCode()).isEqualTo(200);
    }
}
