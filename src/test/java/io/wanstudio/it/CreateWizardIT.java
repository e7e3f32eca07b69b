package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.testing.TestMedia.Sample;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The create wizard in a real browser (headless Chromium): every combination of media the model accepts, walked
 * to a finished video that plays in the page; back and forth without losing anything; one task for a double
 * click or a re-posted form; remix. Screenshots of each step at 1280×800 and 390×844 go to
 * {@code ${wan.build.dir}/screenshots}, and each step is audited with axe-core.
 */
@ExtendWith(SharedStudio.class)
class CreateWizardIT {
    private static final String BASE = Http.IT_BASE;
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));
    /** Media of each field used by the walks, and the facts the page must show for them. */
    private static final Map<String, Sample> MEDIA = Map.of("firstFrame", Sample.JPEG, "lastFrame", Sample.PNG,
            "firstClip", Sample.MP4, "drivingAudio", Sample.MP3);
    private static final Map<String, String> FACTS = Map.of("firstFrame", "640×480", "lastFrame", "640×360",
            "firstClip", "320×240", "drivingAudio", "MP3");

    @TempDir
    static Path samples;

    private CreateWizardPage page;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        var browser = Browsers.chromium(CreateWizardPage.DESKTOP.width, CreateWizardPage.DESKTOP.height);
        page = new CreateWizardPage(browser);
        Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    /** Everything the page did ran under its Content-Security-Policy. */
    @AfterEach
    void closeBrowser() {
        Browsers.quitAfterPolicyCheck(page.browser);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FIRST_FRAME", "FIRST_FRAME_AUDIO", "FIRST_LAST", "FIRST_LAST_AUDIO", "CONTINUE_CLIP",
        "CONTINUE_CLIP_TO_FRAME"})
    void eachCombinationBecomesAVideoThatPlaysInThePage(String mode) throws Exception {
        String marker = "[wizard " + mode + " " + UUID.randomUUID().toString().substring(0, 8) + "]";
        page.open(BASE);
        page.chooseMode(mode);
        List<String> fields = fieldsOf(mode);
        for (String field : fields) {
            page.upload(field, MEDIA.get(field).in(samples));
            assertThat(page.message(field)).as(field).isEmpty();
            assertThat(page.facts(field)).as(field).contains(FACTS.get(field));
        }
        page.next();
        assertThat(page.step()).isEqualTo("DESCRIBE");
        page.type("prompt", "The scene comes alive " + marker);
        page.next();
        assertThat(page.step()).isEqualTo("OUTPUT");
        page.setDuration(2);
        page.choose("resolution", "720P");
        page.next();
        assertThat(page.step()).isEqualTo("REVIEW");
        assertThat(page.review("reviewCost")).isEqualTo("0.10 USD");
        for (String field : fields) {
            assertThat(page.browser.findElement(By.cssSelector("[data-facts='" + field + "']")).getText())
                    .contains(FACTS.get(field));
        }

        page.generate();

        assertThat(page.notice()).contains("is on its way");
        String taskId = page.taskCardWith(marker);
        // what reached the provider (Novita's body is flat: media URLs, prompt and parameters side by side)
        JsonObject sent = SIMULATOR.request("The scene comes alive " + marker);
        assertThat(sent.containsKey("image_url")).isEqualTo(fields.contains("firstFrame"));
        assertThat(sent.containsKey("last_frame_url")).isEqualTo(fields.contains("lastFrame"));
        assertThat(sent.containsKey("first_clip_url")).isEqualTo(fields.contains("firstClip"));
        assertThat(sent.containsKey("driving_audio_url")).isEqualTo(fields.contains("drivingAudio"));
        assertThat(sent.getInt("duration")).isEqualTo(2);
        assertThat(sent.getString("resolution")).isEqualTo("720P");
        assertThat(SIMULATOR.submissions("The scene comes alive " + marker).received()).isEqualTo(1);

        By card = By.cssSelector("[data-task-id='" + taskId + "']");
        page.waitUpTo(120).until(d -> "COMPLETED".equals(d.findElement(card).getAttribute("data-state")));
        WebElement video = page.browser.findElement(card).findElement(By.tagName("video"));
        page.js("arguments[0].load();", video);
        page.waitUpTo(30).until(d -> ((Number) page.js("return arguments[0].readyState;", video)).intValue() >= 1);
        assertThat(((Number) page.js("return arguments[0].duration;", video)).doubleValue())
                .isCloseTo(2, Offset.offset(0.5));
        assertThat(page.js("return arguments[0].error;", video)).isNull();
    }

    /**
     * Forward and back, by the buttons and by the step list, and a change of mode on the way: nothing chosen is
     * lost. Each step is photographed and audited at both sizes.
     */
    @Test
    void backAndForthKeepsEverythingAndEveryStepLooksFinished() throws Exception {
        String prompt = "灯笼在晚风中摇曳 — lanterns sway in the evening wind 🏮 " + UUID.randomUUID();
        page.open(BASE);
        look("wizard-1-media-empty");
        page.chooseMode("FIRST_LAST_AUDIO");
        page.upload("firstFrame", MEDIA.get("firstFrame").in(samples));
        page.upload("lastFrame", Sample.IMAGE_239_PX.in(samples));
        assertThat(page.message("lastFrame")).contains("239");
        look("wizard-1-media-refused");
        page.upload("lastFrame", MEDIA.get("lastFrame").in(samples));
        page.upload("drivingAudio", MEDIA.get("drivingAudio").in(samples));
        page.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("canvas[data-drawn=true]")).isEmpty());
        look("wizard-1-media-chosen");
        page.next();
        page.type("prompt", prompt);
        page.type("negativePrompt", "blurry, text");
        page.browser.findElement(By.cssSelector("label[for='create:promptExtend']")).click();
        assertThat(page.browser.findElement(By.cssSelector("[data-count-for='create:negativePrompt']")).getText())
                .isEqualTo("12 / 500");
        look("wizard-2-describe");
        page.next();
        page.setDuration(7);
        page.choose("resolution", "720P");
        page.choose("seedChoice", "fixed");
        page.waitUpTo(10).until(d -> !d.findElements(By.id("create:seed")).isEmpty());
        page.type("seed", "424242");
        page.browser.findElement(By.cssSelector("label[for='create:watermark']")).click();
        assertThat(page.browser.findElement(By.id("outputSize")).getText()).contains("4:3").contains("720P is ");
        look("wizard-3-output");

        page.back();
        assertThat(page.step()).isEqualTo("DESCRIBE");
        assertThat(page.value("prompt")).isEqualTo(prompt);
        assertThat(page.value("negativePrompt")).isEqualTo("blurry, text");
        assertThat(page.browser.findElement(By.id("create:promptExtend")).isSelected()).isFalse();
        page.goTo("Media");
        assertThat(page.step()).isEqualTo("MEDIA");
        assertThat(page.facts("firstFrame")).contains("640×480");
        assertThat(page.facts("lastFrame")).contains("640×360");
        assertThat(page.facts("drivingAudio")).contains("MP3");
        page.chooseMode("CONTINUE_CLIP");
        assertThat(page.fieldShown("lastFrame")).isFalse();
        page.chooseMode("FIRST_LAST_AUDIO");
        assertThat(page.facts("lastFrame")).contains("640×360");
        page.goTo("Output");
        assertThat(page.step()).isEqualTo("OUTPUT");
        assertThat(page.value("duration")).isEqualTo("7");
        assertThat(page.selected("resolution", "720P")).isTrue();
        assertThat(page.value("seed")).isEqualTo("424242");
        assertThat(page.browser.findElement(By.id("create:watermark")).isSelected()).isTrue();
        page.next();

        assertThat(page.step()).isEqualTo("REVIEW");
        assertThat(page.review("reviewPrompt")).isEqualTo(prompt);
        assertThat(page.review("reviewNegativePrompt")).isEqualTo("blurry, text");
        assertThat(page.review("reviewDuration")).isEqualTo("7 s");
        assertThat(page.review("reviewResolution")).startsWith("720P · ").endsWith(" px");
        assertThat(page.review("reviewSeed")).isEqualTo("424242");
        assertThat(page.review("reviewCost")).isEqualTo("0.35 USD");
        look("wizard-4-review");

        page.generate();
        look("wizard-5-submitted");
        JsonObject sent = SIMULATOR.request(prompt);
        assertThat(sent.getString("prompt")).isEqualTo(prompt);
        assertThat(sent.getString("negative_prompt")).isEqualTo("blurry, text");
        assertThat(sent.getInt("duration")).isEqualTo(7);
        assertThat(sent.getString("resolution")).isEqualTo("720P");
        assertThat(sent.getBoolean("prompt_extend")).isFalse();
        assertThat(sent.getBoolean("watermark")).isTrue();
        assertThat(sent.getJsonNumber("seed").longValue()).isEqualTo(424242L);
        String taskId = page.taskCardWith(prompt.substring(0, 8));
        assertThat(page.textOf(By.cssSelector("[data-task-id='" + taskId + "'] .task-prompt"))).isEqualTo(prompt);
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    @Test
    void aDoubleClickAndARepostedFormMakeOneTaskAndOneSubmission() throws Exception {
        String prompt = "double click " + UUID.randomUUID();
        page.open(BASE);
        page.upload("firstFrame", MEDIA.get("firstFrame").in(samples));
        page.next();
        page.type("prompt", prompt);
        page.next();
        page.setDuration(2);
        page.next();
        // the request the Generate button sends, kept to be sent again after the first was answered
        page.js("var form = document.getElementById('create'); var data = new URLSearchParams();"
                + "form.querySelectorAll('input[type=hidden]').forEach(function (h) { data.append(h.name, h.value); });"
                + "['jakarta.faces.source', 'jakarta.faces.partial.execute'].forEach(function (k) {"
                + "  data.append(k, 'create:generate'); });"
                + "data.append('jakarta.faces.partial.ajax', 'true'); data.append('jakarta.faces.partial.render', 'create');"
                + "data.append('jakarta.faces.behavior.event', 'action'); data.append('create:generate', 'Generate video');"
                + "window.repost = data.toString();");

        new Actions(page.browser).doubleClick(page.browser.findElement(By.id("create:generate"))).perform();
        page.waitUpTo(60).until(d -> !d.findElements(By.cssSelector(".notice")).isEmpty());
        String taskId = page.taskCardWith(prompt);
        Object answer = page.browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('create').action, {method: 'POST', credentials: 'same-origin',"
                + "  headers: {'Faces-Request': 'partial/ajax', 'Content-Type': 'application/x-www-form-urlencoded'},"
                + "  body: window.repost}).then(function (r) { return r.text(); }).then(done, function (e) { done('' + e); });");

        assertThat((String) answer).contains("already submitted as task #" + taskId)
                .contains("nothing new was created");
        page.browser.navigate().refresh();
        page.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-task-id]")).isEmpty());
        assertThat(page.cardsWith(prompt)).isEqualTo(1);
        assertThat(SIMULATOR.submissions(prompt).received()).isEqualTo(1);
    }

    @Test
    void remixOpensTheReviewWithEveryInputAndParameterOfTheTask() throws Exception {
        String prompt = "remix me " + UUID.randomUUID();
        page.open(BASE);
        page.chooseMode("FIRST_FRAME_AUDIO");
        page.upload("firstFrame", MEDIA.get("firstFrame").in(samples));
        page.upload("drivingAudio", MEDIA.get("drivingAudio").in(samples));
        page.next();
        page.type("prompt", prompt);
        page.type("negativePrompt", "no text");
        page.browser.findElement(By.cssSelector("label[for='create:promptExtend']")).click();
        page.next();
        page.setDuration(3);
        page.choose("resolution", "720P");
        page.choose("seedChoice", "fixed");
        page.waitUpTo(10).until(d -> !d.findElements(By.id("create:seed")).isEmpty());
        page.type("seed", "77");
        page.browser.findElement(By.cssSelector("label[for='create:watermark']")).click();
        page.next();
        page.generate();
        String taskId = page.taskCardWith(prompt);

        page.browser.get(BASE + "/?remix=" + taskId);

        assertThat(page.step()).isEqualTo("REVIEW");
        assertThat(page.notice()).contains("remix of task #" + taskId);
        assertThat(page.review("reviewMode")).isEqualTo("Image + driving audio");
        assertThat(page.review("reviewPrompt")).isEqualTo(prompt);
        assertThat(page.review("reviewDuration")).isEqualTo("3 s");
        assertThat(page.review("reviewSeed")).isEqualTo("77");
        assertThat(page.review("reviewNegativePrompt")).isEqualTo("no text");
        assertThat(page.review("reviewResolution")).startsWith("720P");
        assertThat(page.review("reviewPromptExtend")).isEqualTo("Off");
        assertThat(page.review("reviewWatermark")).isEqualTo("On");
        assertThat(page.browser.findElement(By.cssSelector("[data-facts='firstFrame']")).getText())
                .contains("640×480");
        assertThat(page.browser.findElement(By.cssSelector("[data-facts='drivingAudio']")).getText())
                .contains("MP3");
        page.generate();
        assertThat(page.notice()).contains("is on its way");
        assertThat(SIMULATOR.submissions(prompt).received()).isEqualTo(2); // the original and its remix
        JsonObject remix = SIMULATOR.request(prompt);
        assertThat(remix.getString("negative_prompt")).isEqualTo("no text");
        assertThat(remix.getString("resolution")).isEqualTo("720P");
        assertThat(remix.getInt("duration")).isEqualTo(3);
        assertThat(remix.getJsonNumber("seed").longValue()).isEqualTo(77L);
        assertThat(remix.getBoolean("watermark")).isTrue();
        assertThat(remix.getBoolean("prompt_extend")).isFalse();
        assertThat(remix.containsKey("image_url")).isTrue();
        assertThat(remix.containsKey("driving_audio_url")).isTrue();
    }

    @Test
    void retryMakesAFailedTaskAgainAsANewOneAndKeepsTheFailedOne() throws Exception {
        String prompt = "[simulate-fail: the model refused] retry me " + UUID.randomUUID();
        Http api = new Http(BASE).withBearer(Accounts.adminToken(BASE));
        page.open(BASE);
        page.upload("firstFrame", MEDIA.get("firstFrame").in(samples));
        page.next();
        page.type("prompt", prompt);
        page.next();
        page.setDuration(2);
        page.next();
        page.generate();
        String failed = page.taskCardWith("retry me");
        By card = By.cssSelector("[data-task-id='" + failed + "']");
        page.waitUpTo(90).until(d -> "FAILED".equals(d.findElement(card).getAttribute("data-state")));

        page.browser.get(BASE + "/task.xhtml?id=" + failed);
        page.click(By.id("retry"));
        page.waitUpTo(20).until(d -> "REVIEW".equals(page.step()));
        assertThat(page.notice()).contains("retry of task #" + failed);
        assertThat(page.review("reviewPrompt")).isEqualTo(prompt);
        page.generate();

        assertThat(SIMULATOR.submissions(prompt).received()).isEqualTo(2);
        long retry = page.waitUpTo(30).until(d -> d.findElements(By.cssSelector("[data-task-id]")).stream()
                .filter(c -> c.getText().contains("retry me") && !c.getAttribute("data-task-id").equals(failed))
                .findFirst().map(c -> Long.valueOf(c.getAttribute("data-task-id"))).orElse(null));
        JsonObject made = Http.json(api.get("/api/v1/tasks/" + retry));
        assertThat(made.getJsonNumber("parentTaskId").longValue()).isEqualTo(Long.parseLong(failed));
        assertThat(made.getString("lineage")).isEqualTo("RETRY");
        assertThat(Http.json(api.get("/api/v1/tasks/" + failed)).getString("state")).isEqualTo("FAILED");
    }

    private void look(String name) throws Exception {
        accessibility.addAll(page.lookAtBothSizes(name));
    }

    private static List<String> fieldsOf(String mode) {
        return switch (mode) {
            case "FIRST_FRAME" -> List.of("firstFrame");
            case "FIRST_FRAME_AUDIO" -> List.of("firstFrame", "drivingAudio");
            case "FIRST_LAST" -> List.of("firstFrame", "lastFrame");
            case "FIRST_LAST_AUDIO" -> List.of("firstFrame", "lastFrame", "drivingAudio");
            case "CONTINUE_CLIP" -> List.of("firstClip");
            case "CONTINUE_CLIP_TO_FRAME" -> List.of("firstClip", "lastFrame");
            default -> throw new IllegalArgumentException(mode);
        };
    }
}
