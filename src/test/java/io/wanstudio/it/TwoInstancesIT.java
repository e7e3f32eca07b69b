package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanstudio.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two instances on one database, as behind a proxy: the shared studio and a second uber-jar on the same
 * PostgreSQL, with the first one's simulator as the provider of both. Sign-in throttling and ended sessions hold
 * on both; a browser signed in on one stays signed in on the other; a task made on one is polled (by either) and
 * shows as done on both, with one paid POST. Runs in the
 * build's PostgreSQL run (H2's file database belongs to one process).
 */
@ExtendWith(SharedStudio.class)
class TwoInstancesIT {
    private static final String FIRST = Http.IT_BASE;
    private static final int SECOND_PORT = Integer.getInteger("wan.it.second.port", SharedStudio.PORT + 2);
    private static final String SECOND = "http://localhost:" + SECOND_PORT;
    private static final Path WORK = StudioProcess.BUILD.resolve("two-instances-it");
    private static final String PASSWORD = "two-instances-passphrase-31";
    private static StudioProcess second;

    @BeforeAll
    static void secondInstance() {
        assumeTrue(!SharedStudio.database().isEmpty(), "two instances share a database server: PostgreSQL run only");
        StudioProcess.deleteTree(WORK);
        List<String> properties = new ArrayList<>(SharedStudio.database());
        properties.addAll(List.of("-Dwan.data-dir=" + WORK.resolve("data"),
                "-Dnovita.base-url=" + FIRST + "/simulator", "-Dwan.admin.user=" + Accounts.ADMIN,
                // this one never polls: what its pages hear of a task, they hear from the first one's work
                "-Dwan.poller.tick-ms=3600000",
                "-Dwan.admin.password=" + Accounts.ADMIN_PASSWORD));
        second = StudioProcess.uberJar(WORK, "second", SECOND_PORT, properties).awaitReady();
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void failedSignInsOnOneInstancePauseTheAccountOnTheOther() {
        String user = newUser("guessed");
        for (int i = 0; i < 5; i++) {
            new Accounts.Session(FIRST).signIn(user, "not the password " + i);
        }
        var attempt = new Accounts.Session(SECOND).signIn(user, PASSWORD);
        assertThat(attempt.body()).contains("Too many attempts");
        assertThat(attempt.uri().getPath()).endsWith("/login.xhtml");
    }

    @Test
    void aPasswordChangedOnOneInstanceEndsTheUsersSessionsOnTheOther() {
        String user = newUser("moved");
        Accounts.Session onSecond = Accounts.signIn(SECOND, user, PASSWORD);
        assertThat(onSecond.get("/gallery.xhtml").uri().getPath()).endsWith("/gallery.xhtml");

        var changed = Accounts.signIn(FIRST, user, PASSWORD).changePassword(PASSWORD, PASSWORD + "-new");
        assertThat(changed.statusCode()).isEqualTo(200);

        assertThat(onSecond.get("/gallery.xhtml").uri().getPath()).endsWith("/login.xhtml");
        assertThat(Accounts.signIn(SECOND, user, PASSWORD + "-new").get("/gallery.xhtml").uri().getPath())
                .endsWith("/gallery.xhtml");
    }

    @Test
    void aBrowserSignedInOnOneInstanceStaysSignedInOnTheOtherUntilItSignsOut() {
        String user = newUser("roaming");
        Accounts.Session onFirst = Accounts.signIn(FIRST, user, PASSWORD);
        Accounts.Session onSecond = onFirst.at(SECOND); // the proxy sent the next request elsewhere

        var gallery = onSecond.get("/gallery.xhtml");
        assertThat(gallery.uri().getPath()).endsWith("/gallery.xhtml");
        assertThat(gallery.body()).contains(user);

        onSecond.signOut();
        assertThat(onFirst.get("/gallery.xhtml").uri().getPath()).endsWith("/login.xhtml");
        assertThat(onSecond.get("/gallery.xhtml").uri().getPath()).endsWith("/login.xhtml");
    }

    @Test
    void aPageOpenOnOneInstanceHearsOfATaskTheOtherOneMadeAndPolled() {
        String user = newUser("watcher");
        Http api = new Http(FIRST).withBearer(Accounts.apiToken(FIRST, user, PASSWORD));
        var browser = Browsers.chromium(1280, 800);
        try {
            Accounts.signIn(browser, SECOND, user, PASSWORD);
            browser.get(SECOND + "/");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("create")));
            var created = api.postMultipart("/api/v1/tasks", new Http.Multipart().field("prompt", "heard elsewhere")
                    .field("durationSeconds", "2").file("firstFrame", "f.png", "image/png", TestMedia.png(480, 270)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = Http.json(created).getJsonNumber("id").longValue();
            // no reload: the card appears and turns COMPLETED from the pushes alone
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> !d.findElements(By.cssSelector(
                    "[data-task-id='" + id + "'][data-state='COMPLETED']")).isEmpty());
        } finally {
            Browsers.quitAfterPolicyCheck(browser);
        }
    }

    @Test
    void aTaskMadeOnOneInstanceIsDoneOnBothAndWasPaidForOnce() {
        String user = newUser("maker");
        String token = Accounts.apiToken(FIRST, user, PASSWORD);
        Http first = new Http(FIRST).withBearer(token);
        Http other = new Http(SECOND).withBearer(token);
        String prompt = "made on one, seen on both " + UUID.randomUUID();
        var created = first.postMultipart("/api/v1/tasks", new Http.Multipart().field("prompt", prompt)
                .field("durationSeconds", "2").file("firstFrame", "f.png", "image/png", TestMedia.png(480, 270)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        // the other instance has read the task while it was on its way: a cached copy would stay on its way
        assertThat(Http.json(other.get("/api/v1/tasks/" + id)).getString("state")).isNotEqualTo("COMPLETED");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(Http.json(first.get("/api/v1/tasks/" + id)).getString("state"))
                        && "COMPLETED".equals(Http.json(other.get("/api/v1/tasks/" + id)).getString("state")));
        assertThat(new SimulatorControl(new Http(FIRST)).submissions(prompt))
                .isEqualTo(new SimulatorControl.Count(1, 1));
    }

    private static String newUser(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(FIRST, "create", "username", name, "password", PASSWORD);
        return name;
    }
}
