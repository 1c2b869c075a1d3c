package org.custodia.it;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** A patient's chart ({@code /staff/patient.xhtml?id=…}): the patient, its records here and elsewhere, grants. */
final class PatientChartPage {

    static final By MRN = By.id("patient-mrn");
    static final By NAME = By.id("patient-name");
    static final By UPLOAD = By.id("upload");
    static final By GRANT = By.id("grant");
    static final By RECORD_TITLES = By.cssSelector("[id='records-form:records'] .record-title");
    static final By DOWNLOADS = By.cssSelector("[id='records-form:records'] a.download");
    static final By RECORDS_OLDER = By.id("records-form:records-older");
    static final By RECORDS_NEWEST = By.id("records-form:records-newest");
    static final By ELSEWHERE = By.id("elsewhere-form:elsewhere");
    static final By GRANT_STATUSES = By.cssSelector("[id='grants-form:grants'] .grant-status");
    static final By GRANTS_OLDER = By.id("grants-form:grants-older");
    static final By GRANTS_NEWEST = By.id("grants-form:grants-newest");
    static final By MESSAGES = By.id("messages");
    static final By EMERGENCY_REASON = By.id("emergency:reason");
    static final By EMERGENCY_DECLARE = By.id("emergency:declare");
    static final By EMERGENCY_WARNING = By.id("emergency-warning");

    private final Browser browser;

    PatientChartPage(Browser browser) {
        this.browser = browser;
        browser.visible(MRN);
    }

    /** The patient's id, from the chart's address. */
    String patientId() {
        String url = browser.driver().getCurrentUrl();
        return url.substring(url.indexOf("id=") + 3).split("&")[0];
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

    GrantPage grant() {
        browser.submit(GRANT);
        return new GrantPage(browser);
    }

    UploadPage upload() {
        browser.submit(UPLOAD);
        return new UploadPage(browser);
    }

    /** How many records offer to be viewed in the browser. */
    int viewLinks() {
        return browser.driver().findElements(By.cssSelector("[id='records-form:records'] a.view")).size();
    }

    List<String> recordTitles() {
        return browser.driver().findElements(RECORD_TITLES).stream().map(WebElement::getText).toList();
    }

    /** Whether the records kept here have pages (the list's Newest and Older buttons are shown). */
    boolean pagesRecords() {
        return browser.present(RECORDS_OLDER);
    }

    boolean olderRecordsEnabled() {
        return browser.visible(RECORDS_OLDER).isEnabled();
    }

    /** Shows the next, older page of the records kept here. */
    PatientChartPage olderRecords() {
        browser.submit(RECORDS_OLDER);
        return new PatientChartPage(browser);
    }

    /** Shows the newest page of the records kept here again. */
    PatientChartPage newestRecords() {
        browser.submit(RECORDS_NEWEST);
        return new PatientChartPage(browser);
    }

    /** The first record's download link (absolute URL). */
    String firstDownload() {
        return browser.visible(DOWNLOADS).getAttribute("href");
    }

    boolean showsRecordsElsewhere() {
        return browser.present(ELSEWHERE);
    }

    /** The access this node has to another hospital's record, as its row says ({@code no access}, {@code grant}). */
    String accessTo(String recordId) {
        return browser.text(elsewhereRow(recordId, "//span[@class='access']"));
    }

    boolean offersRetrieval(String recordId) {
        return browser.present(elsewhereRow(recordId, "//input[contains(@id, ':retrieve')]"));
    }

    /** Clicks the row's Retrieve button and returns the page's message (success or refusal). */
    String retrieve(String recordId) {
        browser.submit(elsewhereRow(recordId, "//input[contains(@id, ':retrieve')]"));
        return browser.text(MESSAGES);
    }

    RequestAccessPage requestAccessTo(String recordId) {
        browser.submit(elsewhereRow(recordId, "//a[contains(@id, ':request')]"));
        return new RequestAccessPage(browser);
    }

    /** The ids of the grants the page shows, in its order. */
    List<Long> grantIds() {
        return browser.driver().findElements(GRANT_STATUSES).stream()
                .map(status -> Long.valueOf(status.getAttribute("data-grant"))).toList();
    }

    /** Shows the next, older page of the grants. */
    PatientChartPage olderGrants() {
        browser.submit(GRANTS_OLDER);
        return new PatientChartPage(browser);
    }

    /** Shows the newest page of the grants again. */
    PatientChartPage newestGrants() {
        browser.submit(GRANTS_NEWEST);
        return new PatientChartPage(browser);
    }

    /** The hospital grant {@code grantId} was issued to, as the page names it. */
    String grantee(long grantId) {
        return browser.text(By.xpath("//tbody[@id='grants-form:grants_data']/tr[.//*[@data-grant='" + grantId
                + "']]//*[@class='grantee']"));
    }

    /** When grant {@code grantId} ends, as the page writes it. */
    String grantEnd(long grantId) {
        return browser.text(By.xpath("//tbody[@id='grants-form:grants_data']/tr[.//*[@data-grant='" + grantId
                + "']]//*[@class='grant-end']"));
    }

    /** Revokes the grant in the row of grant {@code grantId} and returns the page's message. */
    String revokeGrant(long grantId) {
        browser.submit(By.xpath("//tbody[@id='grants-form:grants_data']/tr[.//*[@data-grant='" + grantId
                + "']]//input[contains(@id, ':revoke')]"));
        return browser.text(MESSAGES);
    }

    String emergencyWarning() {
        return browser.text(EMERGENCY_WARNING);
    }

    /** Declares emergency access with the reason labelled {@code reason} and returns the page's message. */
    String declareEmergency(String reason) {
        new Select(browser.visible(EMERGENCY_REASON)).selectByVisibleText(reason);
        browser.submit(EMERGENCY_DECLARE);
        return browser.text(MESSAGES);
    }

    /** Within the row of the record at another hospital: {@code inside} is an XPath step such as {@code //input}. */
    private static By elsewhereRow(String recordId, String inside) {
        return By.xpath("//tbody[@id='elsewhere-form:elsewhere_data']/tr[.//*[@data-record='" + recordId + "']]"
                + inside);
    }
}
