package org.custodia.it;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The privacy officer's audit page ({@code /staff/audit.xhtml}): a filter, fifty entries a page with Previous and
 * Next, and each entry's chain evidence ({@code MATCHES}, {@code DIFFERS}, {@code NOT_ON_CHAIN} or {@code NONE}).
 */
final class AuditPage {

    static final By HEADING = By.id("audit-heading");
    static final By ACTOR = By.id("audit-filter:actor");
    static final By ACTION = By.id("audit-filter:action");
    static final By SUBJECT = By.id("audit-filter:subject");
    static final By FROM = By.id("audit-filter:from");
    static final By TO = By.id("audit-filter:to");
    static final By SEARCH = By.id("audit-filter:search");
    static final By RANGE = By.id("audit-range");
    static final By PREVIOUS = By.id("audit-results:previous");
    static final By NEXT = By.id("audit-results:next");
    static final By EVIDENCE = By.cssSelector("[id='audit-results:entries_data'] span[data-audit]");
    static final By MESSAGES = By.id("messages");
    static final By VERIFY = By.id("audit-integrity:verify");

    private final Browser browser;

    AuditPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    /**
     * Searches with the given criteria; null leaves a field empty. {@code action} is an action code such as
     * {@code record.upload}; {@code from} and {@code to} are UTC times written {@code 2025-01-31T14:05}.
     */
    AuditPage search(String actor, String action, String subject, String from, String to) {
        browser.type(ACTOR, actor == null ? "" : actor);
        new Select(browser.visible(ACTION)).selectByValue(action == null ? "" : action);
        browser.type(SUBJECT, subject == null ? "" : subject);
        setTime(FROM, from);
        setTime(TO, to);
        browser.submit(SEARCH);
        return this;
    }

    /** Checks the trail's hash chain; returns what the page says. */
    String verify() {
        browser.submit(VERIFY);
        return message();
    }

    AuditPage next() {
        browser.submit(NEXT);
        return this;
    }

    AuditPage previous() {
        browser.submit(PREVIOUS);
        return this;
    }

    boolean nextEnabled() {
        return browser.visible(NEXT).isEnabled();
    }

    boolean previousEnabled() {
        return browser.visible(PREVIOUS).isEnabled();
    }

    /** The "Entries X–Y" line, or empty when nothing matches. */
    String range() {
        return browser.present(RANGE) ? browser.text(RANGE) : "";
    }

    /** The ids of the entries shown, in the page's order (newest first). */
    List<String> entryIds() {
        return browser.driver().findElements(EVIDENCE).stream().map(span -> span.getAttribute("data-audit")).toList();
    }

    /** What the chain says about entry {@code entryId}: MATCHES, DIFFERS, NOT_ON_CHAIN or NONE. */
    String evidence(String entryId) {
        return evidenceOf(entryId).getAttribute("data-evidence");
    }

    /** The evidence cell of entry {@code entryId} as staff read it (status, block, short transaction hash). */
    String evidenceText(String entryId) {
        return browser.visible(By.xpath("//span[@data-audit='" + entryId + "']/..")).getText();
    }

    String message() {
        return browser.text(MESSAGES);
    }

    private WebElement evidenceOf(String entryId) {
        return browser.visible(By.cssSelector("span[data-audit='" + entryId + "']"));
    }

    /** A datetime-local field takes its value from script: typing into it depends on the browser's locale. */
    private void setTime(By field, String value) {
        browser.driver().executeScript("arguments[0].value = arguments[1];", browser.visible(field),
                value == null ? "" : value);
    }
}
