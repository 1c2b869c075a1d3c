package org.custodia.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * WCAG 2.0 and 2.1 level A and AA checks of the page a browser shows, with axe-core (pinned in
 * {@code ehr-ear/browser}, installed by the build with {@code npm ci}).
 */
final class Accessibility {

    /** Runs axe; WebDriver passes the callback as the last argument. Only a summary comes back. */
    private static final String RUN_AXE = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                               resultTypes: ['violations']})
               .then(function (results) {
                   done({violations: results.violations.map(function (v) {
                       return {id: v.id, impact: v.impact || 'unknown', help: v.help,
                               targets: v.nodes.slice(0, 3).map(function (n) { return JSON.stringify(n.target); })};
                   })});
               })
               .catch(function (e) { done({error: String(e && e.message || e)}); });""";

    private static String axe;

    private Accessibility() {
    }

    /** Fails listing every WCAG 2.x A/AA violation axe finds on the page {@code driver} shows. */
    @SuppressWarnings("unchecked")
    static void assertNoViolations(WebDriver driver, String page) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(script.executeScript("return typeof window.axe === 'object';"))) {
            script.executeScript(axeSource());
        }
        Map<String, Object> result = (Map<String, Object>) script.executeAsyncScript(RUN_AXE);
        if (result.get("error") != null) {
            throw new IllegalStateException("axe-core failed on " + page + ": " + result.get("error"));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        if (!violations.isEmpty()) {
            fail(violations.size() + " WCAG 2.x A/AA violation(s) on " + page + " (" + driver.getCurrentUrl() + "):\n  "
                    + violations.stream().map(v -> "[" + v.get("impact") + "] " + v.get("id") + ": " + v.get("help")
                            + " at " + v.get("targets")).collect(Collectors.joining("\n  ")));
        }
    }

    private static synchronized String axeSource() {
        if (axe == null) {
            Path file = Path.of(System.getProperty("custodia.root"), "ehr-ear", "browser", "node_modules", "axe-core",
                    "axe.min.js");
            try {
                axe = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("no axe-core at " + file + " (the build installs it: npm ci in "
                        + "ehr-ear/browser)", e);
            }
        }
        return axe;
    }
}
