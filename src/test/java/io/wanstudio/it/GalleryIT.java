package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The gallery, the task detail page and the compare page in a real browser, for a user of their own (so counts
 * are exact): filters in the URL and the back button, favourites, compare playing in sync, delete after one
 * question; extend from the detail page to a continuation whose parent is the original, seeking, lineage, and
 * stitching the chain. Screenshots at 1280×800 and 390×844, each audited with axe-core.
 */
@ExtendWith(SharedStudio.class)
class GalleryIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "gallery-it-passphrase-71";

    private CreateWizardPage page;
    private Http api;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeEach
    void newUserAndBrowser() {
        String user = "gallery-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        var browser = Browsers.chromium(CreateWizardPage.DESKTOP.width, CreateWizardPage.DESKTOP.height);
        page = new CreateWizardPage(browser);
        Accounts.signIn(browser, BASE, user, PASSWORD);
    }

    @AfterEach
    void closeBrowser() {
        Browsers.quitAfterPolicyCheck(page.browser);
    }

    @Test
    void filtersLiveInTheUrlAndFavouritesCompareAndDeleteWork() throws Exception {
        long alpha = completedTask("alpha boats in the harbour", 2);
        long beta = completedTask("beta gulls over the harbour", 3);
        long gamma = completedTask("gamma pines in the forest", 2);
        page.browser.get(BASE + "/gallery.xhtml");
        assertThat(tileIds()).containsExactly(gamma, beta, alpha);
        look("gallery");

        WebElement search = page.browser.findElement(By.id("q"));
        search.sendKeys("harbour");
        search.submit();
        page.waitUpTo(20).until(d -> d.getCurrentUrl().contains("q=harbour"));
        assertThat(tileIds()).containsExactly(beta, alpha);
        page.browser.navigate().back();
        page.waitUpTo(20).until(d -> !d.getCurrentUrl().contains("q=harbour"));
        assertThat(tileIds()).containsExactly(gamma, beta, alpha);

        page.click(By.cssSelector("[data-task-id='" + gamma + "'] .star"));
        page.waitUpTo(20).until(d -> d.findElement(By.cssSelector("[data-task-id='" + gamma + "'] .star"))
                .getAttribute("aria-pressed").equals("true"));
        page.click(By.cssSelector("input[name=favourites]"));
        page.waitUpTo(20).until(d -> d.getCurrentUrl().contains("favourites=true"));
        assertThat(tileIds()).containsExactly(gamma);
        page.browser.get(BASE + "/gallery.xhtml");

        select(alpha);
        select(beta);
        page.click(By.id("compare"));
        page.waitUpTo(20).until(d -> d.getCurrentUrl().contains("/compare.xhtml"));
        List<WebElement> videos = page.browser.findElements(By.cssSelector("video[data-synced]"));
        assertThat(videos).hasSize(2);
        page.waitUpTo(30).until(d -> videos.stream().allMatch(v -> readyState(v) >= 1));
        look("compare");
        page.click(By.id("playAll"));
        page.waitUpTo(20).until(d -> currentTime(videos.get(0)) > 0.5);
        assertThat(page.js("return arguments[0].paused || arguments[1].paused;", videos.get(0), videos.get(1)))
                .isEqualTo(false);
        assertThat(currentTime(videos.get(1))).isCloseTo(currentTime(videos.get(0)), Offset.offset(0.35));

        page.browser.get(BASE + "/gallery.xhtml");
        select(gamma);
        page.click(By.id("tasks:delete"));
        page.waitUpTo(20).until(d -> !d.findElements(By.cssSelector(".confirm")).isEmpty());
        assertThat(page.browser.findElement(By.cssSelector(".confirm")).getText())
                .startsWith("Delete this video and their files?");
        page.click(By.id("tasks:confirmDelete"));
        page.waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-task-id='" + gamma + "']")).isEmpty());
        assertThat(page.notice()).contains("Deleted 1 video");
        assertThat(tileIds()).containsExactly(beta, alpha);
        assertThat(api.get("/api/v1/tasks/" + gamma).statusCode()).isEqualTo(404);
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    @Test
    void extendMakesAContinuationOfTheOriginalWhoseChainCanBeStitched() throws Exception {
        long original = completedTask("a lighthouse at dusk", 3);
        page.browser.get(BASE + "/task.xhtml?id=" + original);
        look("detail-original");

        page.click(By.id("extend"));
        page.waitUpTo(30).until(d -> "DESCRIBE".equals(page.step()));
        assertThat(page.browser.findElement(By.cssSelector(".origin")).getText())
                .contains("Extension of #" + original);
        String prompt = "the light sweeps over the waves " + UUID.randomUUID();
        page.type("prompt", prompt);
        page.next();
        page.setDuration(2);
        page.next();
        assertThat(page.browser.findElement(By.cssSelector("[data-facts='firstClip']")).getText()).contains("MP4");
        page.generate();
        long extension = Long.parseLong(page.taskCardWith(prompt.substring(0, 20)));
        JsonObject json = Http.json(api.get("/api/v1/tasks/" + extension));
        assertThat(json.getJsonNumber("parentTaskId").longValue()).isEqualTo(original);
        assertThat(json.getString("lineage")).isEqualTo("EXTEND");
        awaitCompleted(extension);

        page.browser.get(BASE + "/task.xhtml?id=" + extension);
        assertThat(page.browser.findElement(By.cssSelector(".origin-link")).getText())
                .isEqualTo("Extension of #" + original);
        assertThat(page.browser.findElements(By.cssSelector(".lineage-item"))).hasSize(2);
        WebElement video = page.browser.findElement(By.id("player"));
        page.waitUpTo(30).until(d -> readyState(video) >= 1);
        page.js("arguments[0].currentTime = 1.5;", video);
        page.waitUpTo(20).until(d -> !(Boolean) page.js("return arguments[0].seeking;", video)
                && Math.abs(currentTime(video) - 1.5) < 0.2);
        assertThat(page.js("return arguments[0].error;", video)).isNull();
        look("detail-extension");

        page.click(By.id("organise:stitch"));
        page.waitUpTo(60).until(d -> !d.getCurrentUrl().endsWith("id=" + extension)
                && !d.findElements(By.id("player")).isEmpty());
        assertThat(page.browser.findElement(By.cssSelector(".origin-link")).getText())
                .isEqualTo("Stitched from the chain of #" + extension);
        WebElement film = page.browser.findElement(By.id("player"));
        page.waitUpTo(30).until(d -> readyState(film) >= 1);
        assertThat(((Number) page.js("return arguments[0].duration;", film)).doubleValue())
                .isCloseTo(5, Offset.offset(0.6));
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    /** A task made through the API with a generated first frame, waited for until COMPLETED. */
    private long completedTask(String prompt, int seconds) {
        var form = new Http.Multipart().field("prompt", prompt).field("durationSeconds", Integer.toString(seconds))
                .field("resolution", "720P").file("firstFrame", "frame.jpg", "image/jpeg", TestMedia.jpeg(640, 360));
        var created = api.postMultipart("/api/v1/tasks", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        awaitCompleted(id);
        return id;
    }

    private void awaitCompleted(long id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.get("/api/v1/tasks/" + id)).getString("state").equals("COMPLETED"));
    }

    private List<Long> tileIds() {
        return page.browser.findElements(By.cssSelector(".tile[data-task-id]")).stream()
                .map(tile -> Long.valueOf(tile.getAttribute("data-task-id"))).toList();
    }

    private void select(long id) {
        page.click(By.cssSelector("input[name=id][value='" + id + "']"));
    }

    private long readyState(WebElement video) {
        return ((Number) page.js("return arguments[0].readyState;", video)).longValue();
    }

    private double currentTime(WebElement video) {
        return ((Number) page.js("return arguments[0].currentTime;", video)).doubleValue();
    }

    private void look(String name) throws Exception {
        accessibility.addAll(page.lookAtBothSizes(name));
    }
}
