package org.custodia.it;

import java.time.LocalDate;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The requests page ({@code /staff/requests.xhtml}): outgoing requests and their status; incoming ones to decide. */
final class AccessRequestsPage {

    static final String PATH = "/custodia/staff/requests.xhtml";
    static final By HEADING = By.id("requests-heading");
    static final By OUTGOING_STATUSES = By.cssSelector("[id='outgoing-form:outgoing_data'] .request-status");
    static final By MESSAGES = By.id("messages");
    static final By APPROVE_UNTIL = By.id("incoming-form:approve-until");

    private final Browser browser;

    AccessRequestsPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    static AccessRequestsPage open(Browser browser) {
        browser.open(PATH);
        return new AccessRequestsPage(browser);
    }

    String message() {
        return browser.text(MESSAGES);
    }

    List<String> outgoingStatuses() {
        return browser.driver().findElements(OUTGOING_STATUSES).stream().map(WebElement::getText).toList();
    }

    /** The hospitals the outgoing requests went to, as the page names them, in its order. */
    List<String> outgoingCustodians() {
        return browser.driver().findElements(By.cssSelector("[id='outgoing-form:outgoing_data'] .custodian")).stream()
                .map(WebElement::getText).toList();
    }

    /** The hospital incoming request {@code requestId} came from, as the page names it. */
    String requester(long requestId) {
        return browser.driver().findElement(By.xpath("//tbody[@id='incoming-form:incoming_data']"
                + "/tr[.//*[@data-request='" + requestId + "']]//*[@class='requester']")).getText();
    }

    /** Where incoming request {@code requestId}'s link to its patient's chart leads. */
    String chartLink(long requestId) {
        return browser.driver().findElement(By.xpath("//tbody[@id='incoming-form:incoming_data']"
                + "/tr[.//*[@data-request='" + requestId + "']]//a[contains(@id, ':chart')]")).getAttribute("href");
    }

    /** The day an approval runs until, as the page's field holds it. */
    String approvalDay() {
        return browser.visible(APPROVE_UNTIL).getAttribute("value");
    }

    /** Approves incoming request {@code requestId} until {@code day} and returns the page's message. */
    String approveUntil(long requestId, LocalDate day) {
        browser.type(APPROVE_UNTIL, day.toString());
        return approve(requestId);
    }

    /** Approves incoming request {@code requestId} (until the proposed day) and returns the page's message. */
    String approve(long requestId) {
        browser.submit(By.xpath("//tbody[@id='incoming-form:incoming_data']/tr[.//*[@data-request='" + requestId
                + "']]//input[contains(@id, ':approve')]"));
        return browser.text(MESSAGES);
    }
}
