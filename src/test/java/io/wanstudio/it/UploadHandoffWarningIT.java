package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new user sets {@code NOVITA_API_KEY} and keeps the default public base URL: uploads would reach Novita as
 * loopback links it can never fetch. The studio must say so at start and at the upload field, before anyone pays
 * for a task that fails. Nothing leaves the machine: the "Novita" here is the shared studio's simulator on loopback,
 * and the public address of the second studio is never contacted.
 */
@ExtendWith(SharedStudio.class)
class UploadHandoffWarningIT {
    private static final String API_KEY = "handoff-test-key-7c41";
    private static final int LOCAL_PORT = StudioProcess.portNextToIt(22);
    private static final int PUBLIC_PORT = StudioProcess.portNextToIt(23);
    private static final Path WORK = StudioProcess.BUILD.resolve("handoff-it");
    private static final String WARNING = "an address Novita cannot reach from the internet";

    private static StudioProcess localOnly;
    private static StudioProcess publicAddress;

    @BeforeAll
    static void startStudios() {
        StudioProcess.deleteTree(WORK);
        localOnly = studio("local", LOCAL_PORT, Map.of());
        publicAddress = studio("public", PUBLIC_PORT, Map.of("WAN_PUBLIC_BASE_URL", "https://studio.example.com"));
        localOnly.awaitReady();
        publicAddress.awaitReady();
    }

    private static StudioProcess studio(String name, int port, Map<String, String> extraEnvironment) {
        var environment = new java.util.HashMap<>(Map.of("NOVITA_API_KEY", API_KEY,
                "NOVITA_BASE_URL", Http.IT_BASE + "/simulator"));
        environment.putAll(extraEnvironment);
        return StudioProcess.uberJar(WORK, name, port, List.of("-Dwan.admin.user=" + Accounts.ADMIN,
                "-Dwan.admin.password=" + Accounts.ADMIN_PASSWORD,
                "-Dwan.data-dir=" + WORK.resolve(name + "-data")), environment);
    }

    @AfterAll
    static void stopAll() {
        for (StudioProcess p : new StudioProcess[] {localOnly, publicAddress}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void withTheDefaultPublicAddressTheStartLogWarnsWithoutTheKey() {
        String console = localOnly.console();
        assertThat(console.lines().filter(line -> line.contains(WARNING)))
                .singleElement().asString()
                .contains("WARNING", "http://localhost:" + LOCAL_PORT, "WAN_PUBLIC_BASE_URL");
        assertThat(console).doesNotContain(API_KEY);
    }

    @Test
    void withTheDefaultPublicAddressTheUploadFieldSaysNovitaCannotFetchIt() {
        String page = Accounts.signIn(localOnly.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD).get("/").body();
        assertThat(page).contains("data-upload-link-warning=\"firstFrame\"", WARNING, "WAN_PUBLIC_BASE_URL");
        // read out with the file field, not only seen next to it
        assertThat(page).containsPattern("aria-describedby=\"[^\"]*firstFrame:handoff\"");
        assertThat(page).doesNotContain(API_KEY);
    }

    @Test
    void withTheDefaultPublicAddressTheApiAnswerToAnUploadSaysItToo() {
        Http api = new Http(localOnly.base()).withBearer(Accounts.adminToken(localOnly.base()));
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(640, 360))
                .field("prompt", "handed over as a loopback link").field("durationSeconds", "2"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.json(created).getString("warning")).contains(WARNING, "WAN_PUBLIC_BASE_URL");
        assertThat(created.body()).doesNotContain(API_KEY);
    }

    @Test
    void withAPublicAddressThereIsNoWarning() {
        String page = Accounts.signIn(publicAddress.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD).get("/")
                .body();
        assertThat(page).contains("data-medium=\"firstFrame\"").doesNotContain(WARNING, "data-upload-link-warning");
        assertThat(publicAddress.console()).doesNotContain(WARNING);
    }
}
