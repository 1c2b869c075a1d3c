package org.custodia.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs) driven
 * through an explicitly named chromedriver, so Selenium never looks for or downloads a driver. One per scenario
 * group; {@link #close} quits it and deletes its throw-away profile.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** A browser for the integration tests' node. */
    static Browser start() {
        return start(TestNode.baseUrl());
    }

    /** A browser for the node at {@code baseUrl} (e.g. {@code https://127.0.0.1:24081}). */
    static Browser start(String baseUrl) {
        Path binary = Path.of(System.getProperty("it.browser.binary", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("it.browser.driver", "/usr/bin/chromedriver"));
        for (Path required : new Path[] {binary, chromedriver}) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException("no executable " + required + ": install Chromium and its driver "
                        + "(apt-get install chromium chromium-driver, as .ci/run does), or name others with "
                        + "-Dit.browser.binary and -Dit.browser.driver");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("custodia-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        // The nodes' certificates come from the test node's own key or the run command's development CA, which
        // Chromium's store does not hold; the HTTP clients of the tests verify them (TestTrust).
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile, baseUrl);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Limits what the browser sends to {@code bytesPerSecond}, as a slow link would (DevTools network emulation);
     * 0 lifts the limit. Lets a test watch an upload's progress on a loopback link that is otherwise instant.
     */
    void limitUploads(long bytesPerSecond) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", bytesPerSecond == 0 ? -1 : bytesPerSecond));
    }

    /** Opens a path of this browser's node, e.g. {@code open("/custodia/sign-in.xhtml")}. */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    void type(By field, String text) {
        WebElement element = visible(field);
        element.clear();
        element.sendKeys(text);
    }

    /** Clicks something that does not load another page (a radio button, a script's upload). */
    void click(By target) {
        until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    /**
     * Clicks something that loads the next page (a form's button, a link) and waits until that page replaced this
     * one: until then, whatever is looked up next would be found in the old page (its message, say).
     */
    void submit(By target) {
        WebElement element = until(ExpectedConditions.elementToBeClickable(target));
        element.click();
        untilReplaced(element);
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    String text(By by) {
        return visible(by).getText();
    }

    <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /**
     * Waits until {@code element}'s page was replaced by the next one. Asked while the new document replaces the old,
     * ChromeDriver may answer that the node "does not belong to the document" instead of calling it stale: both mean
     * replaced.
     */
    void untilReplaced(WebElement element) {
        until(ignored -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * Fires two submit events at the form {@code formId}, as a double click's two clicks would, without sending it
     * (an event a script makes sends nothing); whether the page stopped each.
     */
    List<Boolean> doubleSubmitStopped(String formId) {
        Object stopped = driver.executeScript("""
                var form = document.getElementById(arguments[0]);
                var stopped = [];
                for (var i = 0; i < 2; i++) {
                    var submit = new Event('submit', {bubbles: true, cancelable: true});
                    form.dispatchEvent(submit);
                    stopped.push(submit.defaultPrevented);
                }
                delete form.dataset.sent;
                return stopped;
                """, formId);
        return ((List<?>) stopped).stream().map(Boolean.class::cast).toList();
    }

    /** Fetches {@code url} from the page shown (its session, as a click would) and returns the body's SHA-256 (hex). */
    String sha256Of(String url) {
        Object hash = driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                    .then(function (response) { return response.arrayBuffer(); })
                    .then(function (body) { return crypto.subtle.digest('SHA-256', body); })
                    .then(function (digest) {
                        done(Array.from(new Uint8Array(digest))
                            .map(function (b) { return b.toString(16).padStart(2, '0'); }).join(''));
                    })
                    .catch(function (e) { done('failed: ' + e); });""", url);
        return String.valueOf(hash);
    }

    /** Saves the page as {@code target/screenshots/NAME.png} (the module's target folder). */
    void screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | WebDriverException e) {
            System.err.println("no screenshot " + file + ": " + e);
        }
    }

    /** Saves the page's HTML as {@code target/screenshots/NAME.html}, with its address on the first line. */
    void savePage(String name) {
        Path file = Path.of("target", "screenshots", name + ".html");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
        } catch (IOException | WebDriverException e) {
            System.err.println("no page source " + file + ": " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("left behind " + directory + ": " + e);
        }
    }
}
