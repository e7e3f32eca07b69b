package io.wanstudio.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The accessibility audit of the page a browser shows: Deque's axe-core (the npm package pinned in
 * {@code src/test/axe}, installed by {@code src/test/sh/install-test-tools.sh}) run in that page against the WCAG 2.0
 * and 2.1 A/AA rules. The script goes in through WebDriver's script evaluation, which the page's
 * Content-Security-Policy does not govern, so the audit sees the page exactly as its users get it.
 */
public final class Axe {
    /** The rule sets audited: WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Path SCRIPT = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/axe/node_modules/axe-core/axe.min.js");
    private static String source;

    private Axe() {
    }

    /**
     * Audits the page now shown: one line per element that breaks a rule (rule, impact, the element's selector and
     * what to fix), none when the page passes. Rules axe cannot decide alone ("incomplete", e.g. contrast over an
     * image) are not counted.
     */
    public static List<String> violations(ChromeDriver browser) {
        browser.executeScript(axeSource());
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"
                + " && typeof window.axe.run === 'function';"))) {
            throw new IllegalStateException("axe-core did not load into " + browser.getCurrentUrl());
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object lines = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                window.axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                  .then(function (results) {
                    var lines = [];
                    results.violations.forEach(function (rule) {
                      rule.nodes.forEach(function (node) {
                        lines.push(rule.id + ' (' + (node.impact || rule.impact) + ') at '
                          + JSON.stringify(node.target) + ': '
                          + (node.failureSummary || rule.help).replace(/\\s*\\n\\s*/g, ' / ')
                          + ' [' + rule.helpUrl + ']');
                      });
                    });
                    done(lines);
                  }, function (error) { done('axe failed: ' + error); });
                """, TAGS);
        if (lines instanceof String failure) {
            throw new IllegalStateException(failure + " on " + browser.getCurrentUrl());
        }
        return ((List<?>) lines).stream().map(String::valueOf).toList();
    }

    private static synchronized String axeSource() {
        if (source == null) {
            if (!Files.isRegularFile(SCRIPT)) {
                throw new IllegalStateException("axe-core is not installed at " + SCRIPT.toAbsolutePath()
                        + ": run  bash src/test/sh/install-test-tools.sh  (it runs npm ci in src/test/axe)");
            }
            try {
                source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
