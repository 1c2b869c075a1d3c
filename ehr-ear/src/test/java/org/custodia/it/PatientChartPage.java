package org.custodia.it;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A patient's chart ({@code /staff/patient.xhtml?id=…}): the patient, records kept here, records elsewhere. */
final class PatientChartPage {

    static final By MRN = By.id("patient-mrn");
    static final By NAME = By.id("patient-name");
    static final By UPLOAD = By.id("upload");
    static final By RECORD_TITLES = By.cssSelector("[id='records'] .record-title");
    static final By DOWNLOADS = By.cssSelector("[id='records'] a.download");
    static final By ELSEWHERE = By.id("elsewhere");

    private final Browser browser;

    PatientChartPage(Browser browser) {
        this.browser = browser;
        browser.visible(MRN);
    }

    String mrn() {
        return browser.text(MRN);
    }

    String name() {
        return browser.text(NAME);
    }

    boolean offersUpload() {
        return browser.present(UPLOAD);
    }

    UploadPage upload() {
        browser.click(UPLOAD);
        return new UploadPage(browser);
    }

    List<String> recordTitles() {
        return browser.driver().findElements(RECORD_TITLES).stream().map(WebElement::getText).toList();
    }

    /** The first record's download link (absolute URL). */
    String firstDownload() {
        return browser.visible(DOWNLOADS).getAttribute("href");
    }

    boolean showsRecordsElsewhere() {
        return browser.present(ELSEWHERE);
    }
}
