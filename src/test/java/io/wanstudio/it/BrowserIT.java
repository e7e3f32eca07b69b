package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio page's live list in a real browser (Debian's Chromium, headless): make a task with the create wizard,
 * watch it complete through pushed updates (the page never reloads), and play the video in the page while
 * another task updates. Screenshots go to
 * {@code ${wan.build.dir}/screenshots}.
 */
@ExtendWith(SharedStudio.class)
class BrowserIT {
    private static final int REQUESTED_SECONDS = 3;
    private static final Path BUILD = Path.of(System.getProperty("wan.build.dir", "target"));
    private static final Path SCREENSHOTS = BUILD.resolve("screenshots");

    private static final Dimension DESKTOP = new Dimension(1280, 800);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static final String BASE = Http.IT_BASE;
    private ChromeDriver browser;
    private CreateWizardPage wizard;
    private Dimension viewport;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.chromium(DESKTOP.width, DESKTOP.height);
        showAs(DESKTOP, false); // the window's size includes its frame; the page should get exactly this
        wizard = new CreateWizardPage(browser);
        Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    /** Everything the page did (upload, Ajax, push, video) ran under its Content-Security-Policy. */
    @AfterEach
    void closeBrowser() {
        Browsers.quitAfterPolicyCheck(browser);
    }

    @Test
    void generatesAVideoThatPlaysInThePage() throws Exception {
        String marker = "[browser-it " + UUID.randomUUID().toString().substring(0, 8) + "]";
        Path frame = TestMedia.pngFile(BUILD.resolve("it-files"), "frame-640x360.png", 640, 360);
        wizard.open(BASE);
        wizard.upload("firstFrame", frame);
        assertThat(wizard.facts("firstFrame")).contains("640×360");
        wizard.next();
        wizard.type("prompt", "Lanterns sway in the evening wind " + marker);
        wizard.next();
        wizard.setDuration(REQUESTED_SECONDS);
        wizard.next();
        assertThat(wizard.review("reviewCost")).isEqualTo("0.24 USD");

        // The user allowed notifications; the page's calls are recorded (headless Chromium shows none).
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("notifications"),
                "origin", BASE));
        js("window.shown = []; window.Notification = function (title, options) {"
                + " window.shown.push(title + ' | ' + options.body); };"
                + " window.Notification.permission = 'granted';");
        wizard.generate();

        String taskId = wizard.taskCardWith(marker);
        By thisCard = By.cssSelector("[data-task-id='" + taskId + "']");
        screenshot("desktop-running");
        // No reload from here on: the card changes only through the pushed updates.
        waitUpTo(90).until(d -> "COMPLETED".equals(d.findElement(thisCard).getAttribute("data-state")));

        assertThat(js("return window.shown.join('\\n');")).isEqualTo(
                "Your video is ready | Task #" + taskId + " · Lanterns sway in the evening wind " + marker);
        WebElement video = browser.findElement(thisCard).findElement(By.tagName("video"));
        assertThat(video.getAttribute("poster")).endsWith("/media/tasks/" + taskId + "/poster");
        assertThat(video.getAttribute("src")).endsWith("/media/tasks/" + taskId + "/video");
        assertThat(posterWidth(video)).isGreaterThan(0);
        js("arguments[0].load();", video);
        waitUpTo(30).until(d -> ((Number) js("return arguments[0].readyState;", video)).intValue() >= 1);
        double duration = ((Number) js("return arguments[0].duration;", video)).doubleValue();
        assertThat(duration).isCloseTo(REQUESTED_SECONDS, Offset.offset(0.5));
        assertThat(js("return arguments[0].error;", video)).isNull();
        screenshot("desktop-completed");

        keepsPlayingWhileAnotherTaskUpdates(thisCard, marker);

        showAs(PHONE, true);
        browser.navigate().refresh();
        waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("create")));
        screenshot("phone-top");
        js("arguments[0].scrollIntoView({block: 'center'});", browser.findElement(thisCard));
        screenshotAsScrolled("phone-completed-card");
    }

    /**
     * Live updates re-render only the card that changed: a video playing in one card is not reset while another
     * task progresses and completes.
     */
    private void keepsPlayingWhileAnotherTaskUpdates(By playingCard, String marker) {
        String second = marker.replace("]", " second]");
        WebElement runAgain = browser.findElement(By.id("create:runAgain"));
        wizard.click(By.id("create:runAgain"));
        // the answer replaces the form: wait for that, not for a button the old form may still show
        wizard.waitUpTo(20).until(ExpectedConditions.stalenessOf(runAgain));
        wizard.waitUpTo(20).until(d -> !d.findElements(By.id("create:generate")).isEmpty());
        wizard.goTo("Describe");
        wizard.type("prompt", "The lanterns dim " + second);
        wizard.goTo("Output");
        wizard.setDuration(2);
        wizard.next();
        wizard.generate();
        String newId = wizard.taskCardWith(second);
        By newCardLocator = By.cssSelector("[data-task-id='" + newId + "']");
        WebElement playing = browser.findElement(playingCard).findElement(By.tagName("video"));
        js("arguments[0].muted = true; arguments[0].loop = true; arguments[0].play();", playing);
        waitUpTo(10).until(d -> ((Number) js("return arguments[0].currentTime;", playing)).doubleValue() > 0);

        waitUpTo(90).until(d -> "COMPLETED".equals(d.findElement(newCardLocator).getAttribute("data-state")));

        // The same element (a re-render would have replaced it: stale), still playing.
        assertThat(js("return arguments[0].paused;", playing)).isEqualTo(false);
        assertThat(browser.findElement(newCardLocator).findElements(By.tagName("video"))).hasSize(1);
    }

    /** Gives the page exactly this viewport (a desktop window cannot be made phone-narrow). */
    private void showAs(Dimension size, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width, "height",
                size.height, "deviceScaleFactor", 1, "mobile", mobile));
        viewport = size;
    }

    /** Loads the poster as an image in the page: its natural width is 0 unless it decoded. */
    private long posterWidth(WebElement video) {
        Object width = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var img = new Image(); img.onload = function () { done(img.naturalWidth); };"
                + "img.onerror = function () { done(0); }; img.src = arguments[0].poster;", video);
        return ((Number) width).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private WebDriverWait waitUpTo(int seconds) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** A screenshot of the top of the page. */
    private void screenshot(String name) throws IOException {
        js("window.scrollTo(0, 0);");
        screenshotAsScrolled(name);
    }

    private void screenshotAsScrolled(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension size = viewport;
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + size.width + "x" + size.height + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
