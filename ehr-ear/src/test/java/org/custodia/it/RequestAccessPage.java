package org.custodia.it;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The access request page ({@code /staff/request.xhtml}): scope and purpose of a request to another hospital. */
final class RequestAccessPage {

    static final By TO = By.id("request:to");
    static final By PURPOSE = By.id("request:purpose");
    static final By SUBMIT = By.id("request:submit");
    static final By PURPOSE_MESSAGE = By.id("request:purpose-message");

    private final Browser browser;

    RequestAccessPage(Browser browser) {
        this.browser = browser;
        browser.visible(SUBMIT);
    }

    String addressee() {
        return browser.text(TO);
    }

    /** Sends the form with no purpose chosen; the page answers in place. The purpose field's message. */
    String sendWithoutPurpose(String scope) {
        browser.click(By.cssSelector("input[name='request:scope'][value='" + scope + "']"));
        browser.submit(SUBMIT);
        return browser.text(PURPOSE_MESSAGE);
    }

    /** The label of the scope whose radio value is {@code scope}, as the page shows it. */
    String scopeLabel(String scope) {
        return browser.text(By.cssSelector("label[for='" + browser.visible(By.cssSelector(
                "input[name='request:scope'][value='" + scope + "']")).getAttribute("id") + "']"));
    }

    /** Sends the request for the scope whose radio value is {@code scope} ({@code record}, {@code category}, {@code all}). */
    AccessRequestsPage send(String scope, String purposeLabel) {
        browser.click(By.cssSelector("input[name='request:scope'][value='" + scope + "']"));
        new Select(browser.visible(PURPOSE)).selectByVisibleText(purposeLabel);
        browser.submit(SUBMIT);
        return new AccessRequestsPage(browser);
    }
}
