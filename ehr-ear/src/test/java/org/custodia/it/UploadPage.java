package org.custodia.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The upload page ({@code /staff/upload.xhtml?patient=…}): a document streamed to the API, with progress. */
final class UploadPage {

    static final By FILE = By.id("file");
    static final By CATEGORY = By.id("category");
    static final By TITLE = By.id("title");
    static final By SUBMIT = By.id("submit");
    static final By PROGRESS = By.id("progress");
    static final By RESULT = By.id("upload-result");
    static final By BACK = By.id("back");

    private final Browser browser;
    private final Set<Integer> progressSeen = new LinkedHashSet<>();

    UploadPage(Browser browser) {
        this.browser = browser;
        browser.visible(TITLE);
    }

    /**
     * Chooses the file, category and title, sends it and waits until the page reports the outcome, noting each
     * value the progress bar showed meanwhile.
     */
    UploadPage upload(Path file, String categoryLabel, String title) {
        browser.driver().findElement(FILE).sendKeys(file.toAbsolutePath().toString());
        new Select(browser.visible(CATEGORY)).selectByVisibleText(categoryLabel);
        browser.type(TITLE, title);
        progressSeen.clear();
        browser.click(SUBMIT);
        new WebDriverWait(browser.driver(), Browser.WAIT.multipliedBy(3), Duration.ofMillis(50)).until(driver -> {
            progressSeen.add(Integer.parseInt(driver.findElement(PROGRESS).getAttribute("value")));
            String text = driver.findElement(RESULT).getText();
            return !text.isEmpty() && !text.startsWith("Uploading") ? text : null;
        });
        return this;
    }

    /** Chooses the file and title but no category, and sends: the page's answer (nothing is sent). */
    String uploadWithoutCategory(Path file, String title) {
        browser.driver().findElement(FILE).sendKeys(file.toAbsolutePath().toString());
        browser.type(TITLE, title);
        browser.click(SUBMIT);
        return new WebDriverWait(browser.driver(), Browser.WAIT, Duration.ofMillis(50))
                .until(driver -> {
                    String text = driver.findElement(RESULT).getText();
                    return text.isEmpty() ? null : text;
                });
    }

    /** The progress bar's values seen during the last upload, in order, each once. */
    List<Integer> progressSeen() {
        return List.copyOf(progressSeen);
    }

    String result() {
        return browser.text(RESULT);
    }

    int progress() {
        return Integer.parseInt(browser.visible(PROGRESS).getAttribute("value"));
    }

    PatientChartPage backToChart() {
        browser.submit(BACK);
        return new PatientChartPage(browser);
    }
}
