package org.custodia.it;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A proxy's figures ({@code /staff/proxy.xhtml}): re-keys held, re-encryptions served and broken off, refusals. */
final class ProxyStatusPage {

    static final String PATH = "/custodia/staff/proxy.xhtml";
    static final By HEADING = By.id("proxy-heading");
    static final By RE_KEYS_HELD = By.id("re-keys-held");
    static final By SERVED = By.id("re-encryptions-served");
    static final By BROKEN_OFF = By.id("re-encryptions-broken-off");
    static final By REFUSAL_ROWS = By.cssSelector("[id='refusals-form:refusals_data'] tr");
    static final By NOT_A_PROXY = By.id("not-a-proxy");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    ProxyStatusPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    static ProxyStatusPage open(Browser browser) {
        browser.open(PATH);
        return new ProxyStatusPage(browser);
    }

    long reKeysHeld() {
        return Long.parseLong(browser.text(RE_KEYS_HELD));
    }

    long reEncryptionsServed() {
        return Long.parseLong(browser.text(SERVED));
    }

    long reEncryptionsBrokenOff() {
        return Long.parseLong(browser.text(BROKEN_OFF));
    }

    /** The refusals by reason, keyed by problem type ({@code no-grant}, {@code no-re-key}, ...). */
    Map<String, Long> refusals() {
        Map<String, Long> refusals = new LinkedHashMap<>();
        for (WebElement row : browser.driver().findElements(REFUSAL_ROWS)) {
            for (WebElement reason : row.findElements(By.cssSelector("span[data-reason]"))) {
                refusals.put(reason.getAttribute("data-reason"),
                        Long.parseLong(row.findElement(By.cssSelector(".count")).getText()));
            }
        }
        return refusals;
    }

    boolean saysNotAProxy() {
        return browser.present(NOT_A_PROXY);
    }

    String message() {
        return browser.text(MESSAGES);
    }
}
