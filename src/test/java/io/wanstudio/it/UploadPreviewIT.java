package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia;
import io.wanstudio.testing.TestMedia.Sample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create wizard's previews over real HTTP: {@code /media/uploads/{token}} serves the owner's upload as it was
 * sent, {@code /media/uploads/{token}/thumbnail} a small JPEG of an image or a clip's frame; to anybody else both
 * are 404, like a token that does not exist. Uploads are made the one way HTTP offers, as files of a task sent
 * to the JSON API (tasks that the simulator fails, so no video is made for them); their tokens are the names the
 * media store gave them.
 */
@ExtendWith(SharedStudio.class)
class UploadPreviewIT {
    private static final Path INPUTS = SharedStudio.DATA.resolve("media").resolve("inputs");
    private static final Http APP = new Http(Http.IT_BASE);
    private static final String PASSWORD = "preview-it-passphrase-71c";
    private static Http api;
    private static Http owner;
    private static Http stranger;

    @TempDir
    static Path samples;

    @BeforeAll
    static void signIn() {
        api = APP.withBearer(Accounts.adminToken(APP.base()));
        owner = Accounts.signIn(APP.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD).http();
        String other = "preview-" + UUID.randomUUID().toString().substring(0, 6);
        Accounts.admin(APP.base(), "create", "username", other, "password", PASSWORD);
        stranger = Accounts.signIn(APP.base(), other, PASSWORD).http();
    }

    @Test
    void theOwnerGetsAnImageAsSentAndASmallThumbnailOfIt() throws Exception {
        byte[] jpeg = Files.readAllBytes(Sample.JPEG.in(samples));
        String token = upload(Map.of("firstFrame", jpeg)).get("jpeg");

        var file = owner.getBytes("/media/uploads/" + token);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(jpeg);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/jpeg"));
        assertThat(file.headers().firstValue("Cache-Control")).hasValue("private, max-age=3600");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue("inline");

        var part = owner.getBytes("/media/uploads/" + token, "Range", "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(jpeg, 100));

        BufferedImage thumbnail = thumbnailOf(token);
        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(360); // 640×480 keeps its 4:3
        assertThat(INPUTS.resolve(token + ".thumb.jpg")).as("kept beside the upload").isRegularFile();
    }

    @Test
    void aCmykJpegGetsAThumbnail() throws Exception {
        String token = upload(Map.of("firstFrame", Files.readAllBytes(Sample.CMYK_JPEG.in(samples)))).get("jpeg");

        BufferedImage thumbnail = thumbnailOf(token);

        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(360);
    }

    @Test
    void anImage8000PxWideGetsAThumbnailOfAtMost480Px() throws Exception {
        // 8000×240 breaks the 8:1 rule and is never kept: 8000×1000 is the widest image an upload can be
        String token = upload(Map.of("firstFrame", TestMedia.jpeg(8000, 1000))).get("jpeg");

        BufferedImage thumbnail = thumbnailOf(token);

        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(60);
    }

    @Test
    void aClipGetsAThumbnailOfAFrame() throws Exception {
        byte[] mp4 = Files.readAllBytes(Sample.MP4.in(samples));
        String token = upload(Map.of("firstClip", mp4)).get("mp4");

        var file = owner.getBytes("/media/uploads/" + token);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(mp4);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("video/mp4"));
        BufferedImage thumbnail = thumbnailOf(token);
        assertThat(thumbnail.getWidth()).isEqualTo(320); // 320×240: small enough as it is
        assertThat(thumbnail.getHeight()).isEqualTo(240);
    }

    @Test
    void audioIsServedButHasNoThumbnail() throws Exception {
        byte[] mp3 = Files.readAllBytes(Sample.MP3.in(samples));
        String token = upload(Map.of("firstFrame", Files.readAllBytes(Sample.JPEG.in(samples)),
                "drivingAudio", mp3)).get("mp3");

        var file = owner.getBytes("/media/uploads/" + token);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(mp3);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("audio/mpeg"));
        assertThat(owner.getBytes("/media/uploads/" + token + "/thumbnail").statusCode()).isEqualTo(404);
    }

    @Test
    void anotherUserGets404AsForAnUploadThatDoesNotExist() throws Exception {
        String token = upload(Map.of("firstFrame", Files.readAllBytes(Sample.PNG.in(samples)))).get("png");
        assertThat(owner.getBytes("/media/uploads/" + token + "/thumbnail").statusCode()).isEqualTo(200);

        assertThat(stranger.getBytes("/media/uploads/" + token).statusCode()).isEqualTo(404);
        assertThat(stranger.getBytes("/media/uploads/" + token + "/thumbnail").statusCode()).isEqualTo(404);
        String unknown = "A".repeat(token.length());
        assertThat(owner.getBytes("/media/uploads/" + unknown).statusCode()).isEqualTo(404);
        assertThat(owner.getBytes("/media/uploads/" + unknown + "/thumbnail").statusCode()).isEqualTo(404);
        assertThat(owner.getBytes("/media/uploads/" + token + "/poster").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutSigningInTheBrowserIsSentToTheLoginPage() throws Exception {
        String token = upload(Map.of("firstFrame", Files.readAllBytes(Sample.PNG.in(samples)))).get("png");

        HttpResponse<byte[]> anonymous = APP.getBytes("/media/uploads/" + token);

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login.xhtml"));
    }

    private static BufferedImage thumbnailOf(String token) throws IOException {
        var answer = owner.getBytes("/media/uploads/" + token + "/thumbnail");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/jpeg"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(image).as("a decodable JPEG").isNotNull();
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(480);
        return image;
    }

    /**
     * Sends the files as a task of the admin (failed by the simulator, so no video is made) and returns the
     * tokens of the uploads it made, by format.
     */
    private static Map<String, String> upload(Map<String, byte[]> files) throws IOException {
        Set<String> before = inputNames();
        var form = new Http.Multipart().field("prompt", "[simulate-fail] preview " + UUID.randomUUID())
                .field("durationSeconds", "2").field("resolution", "720P");
        files.forEach((field, content) -> form.file(field, field + ".bin", "application/octet-stream", content));

        var created = api.postMultipart("/api/v1/tasks", form);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Set<String> made = new HashSet<>(inputNames());
        made.removeAll(before);
        assertThat(made).hasSize(files.size());
        return made.stream().collect(Collectors.toMap(name -> name.substring(name.lastIndexOf('.') + 1),
                name -> name.substring(0, name.lastIndexOf('.'))));
    }

    /** The stored uploads' names (token.format), without thumbnails and files in the making. */
    private static Set<String> inputNames() throws IOException {
        if (!Files.isDirectory(INPUTS)) {
            return Set.of();
        }
        try (var names = Files.list(INPUTS)) {
            return names.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.endsWith(".thumb.jpg")).collect(Collectors.toSet());
        }
    }
}
