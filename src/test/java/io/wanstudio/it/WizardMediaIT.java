package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.wanstudio.testing.TestMedia.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * Issue 8's media acceptance in the create wizard, in a real browser: each bad file (the same list and messages
 * as the JSON API's {@link MediaAcceptanceIT}) chosen in its field gets its own message there and leaves no file
 * and no row; each good one shows its facts, and removing it leaves nothing behind. Pasted URLs are fetched and
 * judged the same way.
 */
@ExtendWith(SharedStudio.class)
class WizardMediaIT {
    private static final Path INPUTS = SharedStudio.DATA.resolve("media").resolve("inputs");
    private static final String BASE = Http.IT_BASE;

    @TempDir
    static Path samples;

    /** One browser for the whole class: the cases are many and each is one upload. */
    private static CreateWizardPage page;
    private static InputServer inputs;

    @BeforeAll
    static void openBrowser() {
        var browser = Browsers.chromium(CreateWizardPage.DESKTOP.width, CreateWizardPage.DESKTOP.height);
        page = new CreateWizardPage(browser);
        Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        inputs = new InputServer();
    }

    @AfterAll
    static void closeBrowser() {
        inputs.close();
        page.browser.quit();
    }

    @AfterEach
    void noPolicyViolations() {
        Browsers.assertNoPolicyViolations(page.browser);
    }

    static Stream<Arguments> badInputs() {
        return MediaAcceptanceIT.badInputs();
    }

    static Stream<Arguments> goodInputs() {
        return Stream.of(
                arguments(Sample.JPEG, "firstFrame", "640×480"),
                arguments(Sample.CMYK_JPEG, "firstFrame", "640×480"),
                arguments(Sample.PNG, "firstFrame", "640×360"),
                arguments(Sample.BMP, "firstFrame", "320×240"),
                arguments(Sample.WEBP, "firstFrame", "320×240"),
                arguments(Sample.IMAGE_1_TO_8, "firstFrame", "240×1920"),
                arguments(Sample.IMAGE_240_PX, "firstFrame", "240×240"),
                arguments(Sample.MP4, "firstClip", "320×240"),
                arguments(Sample.MOV, "firstClip", "320×240"),
                arguments(Sample.WAV, "drivingAudio", "WAV"),
                arguments(Sample.MP3, "drivingAudio", "MP3"));
    }

    @ParameterizedTest(name = "{0} in {1} is refused at its field")
    @MethodSource("badInputs")
    void aBadFileIsRefusedAtItsFieldAndLeavesNothing(Sample sample, String field, String[] words) throws Exception {
        openFieldOf(field);
        Set<Path> filesBefore = inputFiles();
        long rowsBefore = Accounts.uploadRows(BASE, Accounts.ADMIN);

        page.upload(field, sample.in(samples));

        assertThat(page.message(field)).contains(words);
        assertThat(page.inField(field, page.browser.findElement(By.id("create:" + field + ":message")))).isTrue();
        assertThat(page.facts(field)).isEmpty();
        assertThat(inputFiles()).isEqualTo(filesBefore);
        assertThat(Accounts.uploadRows(BASE, Accounts.ADMIN)).isEqualTo(rowsBefore);
    }

    @ParameterizedTest(name = "{0} in {1} is taken")
    @MethodSource("goodInputs")
    void aGoodFileShowsItsFactsAndRemovingItLeavesNothing(Sample sample, String field, String facts)
            throws Exception {
        openFieldOf(field);
        Set<Path> filesBefore = inputFiles();
        long rowsBefore = Accounts.uploadRows(BASE, Accounts.ADMIN);

        page.upload(field, sample.in(samples));

        assertThat(page.message(field)).isEmpty();
        assertThat(page.facts(field)).contains(facts);
        assertThat(Accounts.uploadRows(BASE, Accounts.ADMIN)).isEqualTo(rowsBefore + 1);
        page.removeMedium(field);
        assertThat(inputFiles()).isEqualTo(filesBefore);
        assertThat(Accounts.uploadRows(BASE, Accounts.ADMIN)).isEqualTo(rowsBefore);
    }

    @Test
    void aPastedUrlIsFetchedAndJudgedLikeAFile() throws Exception {
        openFieldOf("firstFrame");
        Set<Path> filesBefore = inputFiles();
        String small = inputs.put("/small.jpg", Files.readAllBytes(Sample.IMAGE_239_PX.in(samples)));
        String good = inputs.put("/good.jpg", Files.readAllBytes(Sample.JPEG.in(samples)));

        page.useUrl("firstFrame", small);
        assertThat(page.message("firstFrame")).contains("239");
        assertThat(inputFiles()).isEqualTo(filesBefore);

        page.useUrl("firstFrame", "http://10.1.2.3/frame.jpg"); // refused by the address guard before connecting
        assertThat(page.message("firstFrame")).isNotEmpty();
        assertThat(inputFiles()).isEqualTo(filesBefore);

        page.useUrl("firstFrame", good);
        assertThat(page.message("firstFrame")).isEmpty();
        assertThat(page.facts("firstFrame")).contains("640×480");
        page.removeMedium("firstFrame");
        assertThat(inputFiles()).isEqualTo(filesBefore);
    }

    /** A file dropped on the field's zone (made in the page: a 640×360 PNG) is taken like a chosen one. */
    @Test
    void aDroppedFileIsTakenLikeAChosenOne() {
        openFieldOf("firstFrame");

        page.browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var canvas = document.createElement('canvas'); canvas.width = 640; canvas.height = 360;"
                + "var g = canvas.getContext('2d'); g.fillStyle = '#2a6'; g.fillRect(0, 0, 640, 360);"
                + "canvas.toBlob(function (blob) {"
                + "  var files = new DataTransfer(); files.items.add(new File([blob], 'dropped.png', {type: 'image/png'}));"
                + "  var zone = document.querySelector('[data-drop-for=\"create:firstFrame:file\"]');"
                + "  zone.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: files}));"
                + "  zone.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: files}));"
                + "  done();"
                + "}, 'image/png');");

        page.waitUpTo(30).until(d -> page.facts("firstFrame").contains("640×360"));
        assertThat(page.browser.findElement(By.cssSelector("#create\\:firstFrame\\:field .preview-name")).getText())
                .isEqualTo("dropped.png");
        page.removeMedium("firstFrame");
    }

    /** What gets past the page's own size check (a script, an old page) is refused before its body is read. */
    @Test
    void aTwoGigabyteFilePostedToThePageIsRefusedBeforeItsBodyIsRead() throws Exception {
        Set<Path> filesBefore = inputFiles();
        String session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD).cookie("JSESSIONID");
        try (var socket = new java.net.Socket("127.0.0.1", SharedStudio.PORT)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /index.xhtml HTTP/1.1\r\nHost: localhost\r\nCookie: JSESSIONID=" + session
                    + "\r\nFaces-Request: partial/ajax\r\nContent-Type: multipart/form-data; boundary=wan"
                    + "\r\nContent-Length: 2147483648\r\n\r\n--wan\r\nContent-Disposition: form-data; "
                    + "name=\"create:firstFrame:file\"; filename=\"huge.png\"\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]); // a sliver of the promised 2 GB: the answer must not wait for the rest
            out.flush();
            var in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 413");
            var length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            assertThat(length.find()).as(head.toString()).isTrue();
            byte[] body = new byte[Integer.parseInt(length.group(1))];
            in.readFully(body);
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("The file is larger than any input may be (at most 100 MB, for a clip).");
        }
        assertThat(inputFiles()).isEqualTo(filesBefore);
    }

    /** A fresh wizard in the mode that has this field. */
    private static void openFieldOf(String field) {
        page.open(BASE);
        page.chooseMode(switch (field) {
            case "firstClip" -> "CONTINUE_CLIP";
            case "drivingAudio" -> "FIRST_FRAME_AUDIO";
            case "lastFrame" -> "FIRST_LAST";
            default -> "FIRST_FRAME";
        });
    }

    private static Set<Path> inputFiles() throws IOException {
        if (!Files.isDirectory(INPUTS)) {
            return Set.of();
        }
        try (var files = Files.list(INPUTS)) {
            return files.collect(Collectors.toSet());
        }
    }
}
