package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Headless Debian Chromium for the browser tests, with its console kept so that tests can read it. */
public final class Browsers {
    private Browsers() {
    }

    public static ChromeDriver chromium(int width, int height) {
        // Both paths given, so that Selenium Manager never tries to download a browser or driver.
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        var options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required");
        options.setCapability("goog:loggingPrefs", logging);
        return new ChromeDriver(service, options);
    }

    /** Console messages since the last call. */
    public static List<String> console(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Fails when the page refused anything under its Content-Security-Policy since the last look. */
    public static void assertNoPolicyViolations(ChromeDriver browser) {
        List<String> console = console(browser);
        assertThat(cspViolations(console)).as("CSP violations in the console: %s", console).isEmpty();
    }

    /** Quits the browser after checking that everything the page did ran under its policy. */
    public static void quitAfterPolicyCheck(ChromeDriver browser) {
        if (browser == null) {
            return;
        }
        try {
            assertNoPolicyViolations(browser);
        } finally {
            browser.quit();
        }
    }

    /** The console's Content-Security-Policy violations since the last call (Chromium: "Refused to ..."). */
    public static List<String> cspViolations(List<String> console) {
        return console.stream().filter(line -> line.contains("Content Security Policy")
                || line.contains("Content-Security-Policy") || line.contains("Refused to")).toList();
    }
}
