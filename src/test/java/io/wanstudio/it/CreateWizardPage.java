package io.wanstudio.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio page's create wizard as a user drives it, in a real browser: modes, media fields (by id:
 * firstFrame, lastFrame, firstClip, drivingAudio), steps, and what each shows. Also screenshots of the page at
 * the sizes the tests use.
 */
final class CreateWizardPage {
    static final Dimension DESKTOP = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path BUILD = Path.of(System.getProperty("wan.build.dir", "target"));
    static final Path SCREENSHOTS = BUILD.resolve("screenshots");

    final ChromeDriver browser;
    private Dimension viewport = DESKTOP;

    CreateWizardPage(ChromeDriver browser) {
        this.browser = browser;
        showAs(DESKTOP);
    }

    CreateWizardPage open(String base) {
        browser.get(base + "/");
        waitUpTo(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("create")));
        return this;
    }

    /** The step the wizard shows: MEDIA, DESCRIBE, OUTPUT or REVIEW. */
    String step() {
        return browser.findElement(By.id("create")).getAttribute("data-step");
    }

    void chooseMode(String mode) {
        WebElement radio = browser.findElement(By.cssSelector("input[name='create:mode'][value='" + mode + "']"));
        if (!radio.isSelected()) {
            browser.findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']")).click();
            waitUpTo(20).until(d -> d.findElement(By.cssSelector("input[name='create:mode'][value='" + mode
                    + "']")).isSelected() && fieldShown(modeField(mode)));
        }
    }

    private static String modeField(String mode) {
        return mode.startsWith("CONTINUE") ? "firstClip" : "firstFrame";
    }

    boolean fieldShown(String field) {
        return !browser.findElements(By.id("create:" + field + ":field")).isEmpty();
    }

    /** Chooses a file for a media field and waits until it is taken (facts shown) or refused (message shown). */
    void upload(String field, Path file) {
        String before = mediumState(field);
        browser.findElement(By.id("create:" + field + ":file")).sendKeys(file.toAbsolutePath().toString());
        waitUpTo(60).until(d -> {
            String now = mediumState(field);
            return !now.equals(before) && !now.isEmpty() ? now : null;
        });
    }

    /** Pastes a URL into a media field and asks for it to be used; waits for the facts or a message. */
    void useUrl(String field, String url) {
        String before = mediumState(field);
        WebElement input = browser.findElement(By.id("create:" + field + ":url"));
        input.clear();
        input.sendKeys(url);
        browser.findElement(By.id("create:" + field + ":fetch")).click();
        waitUpTo(60).until(d -> {
            String now = mediumState(field);
            return !now.equals(before) && !now.isEmpty() ? now : null;
        });
    }

    /** What a medium shows: its facts once taken, its message when refused, "" while neither. */
    private String mediumState(String field) {
        try {
            WebElement medium = browser.findElement(By.id("create:" + field + ":field"));
            if ("true".equals(medium.getAttribute("aria-busy"))) {
                return "";
            }
            String message = message(field);
            String facts = facts(field);
            return "facts:" + facts + "|message:" + message + "|" + medium.hashCode();
        } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    String facts(String field) {
        var facts = browser.findElements(By.cssSelector("#create\\:" + field + "\\:field .facts"));
        return facts.isEmpty() ? "" : facts.get(0).getText();
    }

    /** The message shown at a field (a media field by its name, e.g. "firstFrame"; others by component id). */
    String message(String field) {
        String id = switch (field) {
            case "firstFrame", "lastFrame", "firstClip", "drivingAudio" -> "create:" + field + ":message";
            default -> "create:" + field + "Message";
        };
        var found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** True when the element is inside the box of that media field (its message is next to it, not elsewhere). */
    boolean inField(String field, WebElement element) {
        return (Boolean) js("return document.getElementById(arguments[0]).contains(arguments[1]);",
                "create:" + field + ":field", element);
    }

    void removeMedium(String field) {
        click(By.id("create:" + field + ":remove"));
        waitUpTo(20).until(d -> facts(field).isEmpty());
    }

    void next() {
        String from = step();
        click(By.id("create:next"));
        waitForAnswer(from);
    }

    void back() {
        String from = step();
        click(By.id("create:back"));
        waitUpTo(20).until(d -> !step().equals(from));
    }

    /** Opens a step from the step list. */
    void goTo(String title) {
        String from = step();
        browser.findElements(By.cssSelector(".stepper-button")).stream()
                .filter(b -> b.getAttribute("value").equals(title)).findFirst().orElseThrow().click();
        waitForAnswer(from);
    }

    /** Waits until a step change happened or the page answered with a message instead. */
    private void waitForAnswer(String from) {
        waitUpTo(60).until(d -> !step().equals(from)
                || !d.findElements(By.cssSelector(".field-error:not(:empty), .notice")).isEmpty()
                && d.findElements(By.cssSelector("input[data-busy]")).isEmpty());
    }

    void type(String id, String text) {
        WebElement field = browser.findElement(By.id("create:" + id));
        field.clear();
        field.sendKeys(text);
    }

    String value(String id) {
        return browser.findElement(By.id("create:" + id)).getAttribute("value");
    }

    void setDuration(int seconds) {
        WebElement duration = browser.findElement(By.id("create:duration"));
        duration.clear();
        duration.sendKeys(Integer.toString(seconds));
        duration.sendKeys(Keys.TAB); // "change" updates the price
        waitUpTo(10).until(d -> d.findElement(By.id("create:cost")).getText().contains(seconds + " s ×"));
    }

    /** Picks an option of a segmented control where the user sees it (its invisible radio lies over the label). */
    void choose(String radioGroup, String value) {
        WebElement radio = browser.findElement(By.cssSelector("input[name='create:" + radioGroup + "'][value='"
                + value + "']"));
        WebElement label = browser.findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']"));
        js("arguments[0].scrollIntoView({block: 'center'});", label);
        new Actions(browser).moveToElement(label).click().perform();
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("input[name='create:" + radioGroup + "'][value='"
                + value + "']")).isSelected());
    }

    boolean selected(String radioGroup, String value) {
        return browser.findElement(By.cssSelector("input[name='create:" + radioGroup + "'][value='" + value + "']"))
                .isSelected();
    }

    String cost() {
        return browser.findElement(By.id("create:cost")).getText();
    }

    String review(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    String notice() {
        var notices = browser.findElements(By.cssSelector(".notice"));
        return notices.isEmpty() ? "" : notices.get(0).getText();
    }

    /** Clicks Generate and waits for the wizard's answer (a notice). */
    void generate() {
        String before = notice();
        click(By.id("create:generate"));
        waitUpTo(60).until(d -> !notice().isEmpty() && !notice().equals(before));
    }

    /** The id of the task whose card shows this text, once listed. */
    String taskCardWith(String text) {
        return waitUpTo(60).until(d -> d.findElements(By.cssSelector("[data-task-id]")).stream()
                .filter(c -> c.getText().contains(text)).findFirst().map(c -> c.getAttribute("data-task-id"))
                .orElse(null));
    }

    /** How many task cards show this text; read through a wait, as a live update may be replacing a card. */
    long cardsWith(String text) {
        return waitUpTo(10).until(d -> d.findElements(By.cssSelector("[data-task-id]")).stream()
                .filter(c -> c.getText().contains(text)).count());
    }

    void click(By locator) {
        WebElement element = browser.findElement(locator);
        js("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Gives the page exactly this viewport (a desktop window cannot be made phone-narrow). */
    void showAs(Dimension size) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width, "height",
                size.height, "deviceScaleFactor", 1, "mobile", size.width < 600));
        viewport = size;
    }

    /** The whole page as it looks now, at the current size, under {@code screenshots/<name>-<w>x<h>.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        js("window.scrollTo(0, 0);");
        // let thumbnails and waveforms finish drawing
        waitUpTo(10).until(d -> (Boolean) js("return Array.from(document.images).every(i => i.complete)"
                + " && !document.querySelector('canvas[data-drawn=pending]');"));
        // Chromium's full-page capture: the page's whole height at the emulated width
        Number height = (Number) js("return Math.ceil(document.documentElement.scrollHeight);");
        var shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", viewport.width,
                        "height", height.intValue(), "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + "-" + viewport.width + "x" + viewport.height + ".png"),
                Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Screenshots at both sizes and an axe-core audit of each; returns the findings, named after the shot. */
    List<String> lookAtBothSizes(String name) throws IOException {
        List<String> findings = new ArrayList<>();
        for (var size : List.of(DESKTOP, PHONE)) {
            showAs(size);
            screenshot(name);
            Axe.violations(browser).forEach(v -> findings.add(name + " at " + size.width + ": " + v));
        }
        showAs(DESKTOP);
        return findings;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The text of an element that a live update may be replacing (a task card while its task runs). */
    String textOf(By element) {
        return waitUpTo(10).until(d -> d.findElement(element).getText());
    }

    WebDriverWait waitUpTo(int seconds) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        // an element read while the page is being replaced: stale, or Chromium's "Node with given id does not
        // belong to the document" (a plain WebDriverException); the next look finds the new page
        wait.ignoring(WebDriverException.class);
        return wait;
    }
}
