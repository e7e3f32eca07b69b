package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page other than the studio itself, in the states people meet it in, audited with axe-core in headless
 * Chromium at a desktop and a phone size: no WCAG 2.0/2.1 A or AA violation, nothing wider than the screen, the
 * signed-in user's name shown whole. Full-page screenshots go to {@code ${wan.build.dir}/screenshots/pages-*.png}.
 */
@ExtendWith(SharedStudio.class)
class PagesAccessibilityIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("wan.build.dir", "target"))
            .resolve("screenshots");
    private static final Map<String, Dimension> SIZES = Map.of("desktop", new Dimension(1280, 800),
            "phone", new Dimension(390, 844));
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "quiet orchard lantern 58";

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.chromium(1280, 800);
    }

    /** The audit injects a script into pages with a strict Content-Security-Policy: the page must not object. */
    @AfterEach
    void closeBrowser() {
        Browsers.quitAfterPolicyCheck(browser);
    }

    @Test
    void theAuditRunsUnderThePagesPolicyAndFindsWhatIsWrong() {
        assertThat(new Http(BASE).get("/login.xhtml").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'self'", "'nonce-")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        browser.get(BASE + "/login.xhtml");
        // an image without a text alternative, added through the DOM (no inline script or style involved)
        browser.executeScript("var img = document.createElement('img'); img.id = 'unlabelled';"
                + " img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; img.width = 20; img.height = 20;"
                + " document.querySelector('main').appendChild(img);");

        assertThat(Axe.violations(browser)).singleElement().asString().startsWith("image-alt (critical)")
                .contains("#unlabelled");
    }

    @Test
    void signInPage() throws IOException {
        browser.get(BASE + "/login.xhtml");
        audit("signin");

        browser.findElement(By.id("login:signIn")).click();
        waitFor(By.cssSelector("#login\\:usernameMessage:not(:empty)"));
        audit("signin-empty");

        browser.findElement(By.id("login:username")).sendKeys("nobody-" + suffix());
        browser.findElement(By.id("login:password")).sendKeys("not the password at all");
        browser.findElement(By.id("login:signIn")).click();
        waitFor(By.cssSelector("#login\\:messages .notice"));
        audit("signin-refused");
    }

    @Test
    void changePasswordPage() throws IOException {
        String user = newUser("christina.abernathy", false, false);
        Accounts.signIn(browser, BASE, user, PASSWORD);
        browser.get(BASE + "/account/password.xhtml");
        audit("password");

        browser.findElement(By.id("password:current")).sendKeys("not my password 123");
        browser.findElement(By.id("password:newPassword")).sendKeys("a brand new passphrase 77");
        browser.findElement(By.id("password:repeat")).sendKeys("a brand new passphrase 77");
        browser.findElement(By.id("password:change")).click();
        waitFor(By.cssSelector("#password\\:currentMessage:not(:empty)"));
        audit("password-invalid");
    }

    @Test
    void changePasswordPageWhenThePasswordMustBeChanged() throws IOException {
        String user = newUser("temp", false, true);
        Accounts.signIn(browser, BASE, user, PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/account/password.xhtml");
        waitFor(By.id("passwordDue"));
        audit("password-due");
    }

    @Test
    void apiTokensPage() throws IOException {
        String user = newUser("annemarie.vandenberghe", false, false);
        Accounts.signIn(browser, BASE, user, PASSWORD);
        browser.get(BASE + "/account/tokens.xhtml");
        audit("tokens-none");

        browser.findElement(By.id("tokens:label")).sendKeys("nightly batch script");
        browser.findElement(By.id("tokens:create")).click();
        waitFor(By.id("newToken"));
        audit("tokens-created");

        browser.get(BASE + "/account/tokens.xhtml");
        assertThat(browser.findElements(By.cssSelector("[data-token-id]"))).hasSize(1);
        audit("tokens");
    }

    /** A page whose state is gone comes back with a notice that nothing was submitted. */
    @Test
    void expiredPageNotice() throws IOException {
        String user = newUser("expired", false, false);
        Accounts.signIn(browser, BASE, user, PASSWORD);
        browser.get(BASE + "/account/tokens.xhtml");
        browser.executeScript("document.querySelector('#tokens input[name=\"jakarta.faces.ViewState\"]').value"
                + " = 'gone';");
        browser.findElement(By.id("tokens:label")).sendKeys("never made");
        browser.findElement(By.id("tokens:create")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("tokens:messages"), "had expired"));
        audit("expired");
    }

    @Test
    void teamAccountsPage() throws IOException {
        String admin = newUser("maximiliane.oberhauser", true, false);
        newUser("ravi", false, false);
        newUser("new-hire", false, true);
        String leaver = newUser("leaver", false, false);
        Accounts.admin(BASE, "disable", "username", leaver);
        Accounts.signIn(browser, BASE, admin, PASSWORD);
        browser.get(BASE + "/admin/users.xhtml");
        assertThat(browser.findElement(By.cssSelector("[data-username='" + leaver + "']")).getText())
                .contains("disabled");
        audit("users");

        browser.findElement(By.id("newUser:username")).sendKeys("Not a valid name!");
        browser.findElement(By.id("newUser:create")).click();
        waitFor(By.cssSelector("#newUser\\:usernameMessage:not(:empty)"));
        audit("users-invalid");

        browser.findElement(By.id("newUser:username")).clear();
        browser.findElement(By.id("newUser:username")).sendKeys("joiner-" + suffix());
        browser.findElement(By.id("newUser:create")).click();
        waitFor(By.id("issuedPassword"));
        audit("users-created");
    }

    @Test
    void notFoundPage() throws IOException {
        Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        browser.get(BASE + "/no-such-page-" + suffix());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        audit("not-found");
    }

    /**
     * Shows the page at each size (no reload: some states are the answer to a POST), saves a full-page screenshot,
     * and fails with everything found at both sizes: axe's violations, anything wider than the screen, a cut name.
     */
    private void audit(String name) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String size : List.of("desktop", "phone")) {
            showAs(SIZES.get(size), size.equals("phone"));
            screenshot("pages-" + name + "-" + size);
            Axe.violations(browser).forEach(v -> problems.add(size + ": " + v));
            Number overflow = (Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            if (overflow.intValue() > 0) {
                problems.add(size + ": the page is " + overflow + " px wider than the screen");
            }
            if (Boolean.TRUE.equals(browser.executeScript("var n = document.getElementById('signedInUser');"
                    + " return n !== null && n.scrollWidth > n.clientWidth;"))) {
                problems.add(size + ": the signed-in user's name is cut off in the header");
            }
        }
        showAs(SIZES.get("desktop"), false);
        assertThat(problems).as("%s at %s", name, browser.getCurrentUrl()).isEmpty();
    }

    /** Gives the page exactly this viewport (a desktop window cannot be made phone-narrow). */
    private void showAs(Dimension size, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width, "height",
                size.height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** The whole page, not only what fits in the viewport (the tables run below it). */
    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        browser.executeScript("window.scrollTo(0, 0);");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    private void waitFor(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** A user with a fresh name (the shared studio's database outlives a run) and this test's password. */
    private static String newUser(String prefix, boolean admin, boolean mustChange) {
        String name = prefix + "-" + suffix();
        Accounts.admin(BASE, "create", "username", name, "password", PASSWORD, "admin", Boolean.toString(admin),
                "mustChange", Boolean.toString(mustChange));
        return name;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 4);
    }
}
