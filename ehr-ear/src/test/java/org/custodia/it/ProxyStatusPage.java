package org.custodia.it;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A proxy's figures ({@code /staff/proxy.xhtml}): re-keys held, re-encryptions served and broken off, refusals. */
final class ProxyStatusPage {

    static final By HEADING = By.id("proxy-heading");
    static final By RE_KEYS_HELD = By.id("re-keys-held");
    static final By SERVED = By.id("re-encryptions-served");
    static final By REFUSAL_ROWS = By.cssSelector("[id='refusals-form:refusals_data'] tr");

    private final Browser browser;

    ProxyStatusPage(Browser browser) {
        this.browser = browser;
        browser.visible(HEADING);
    }

    long reKeysHeld() {
        return Long.parseLong(browser.text(RE_KEYS_HELD));
    }

    long reEncryptionsServed() {
        return Long.parseLong(browser.text(SERVED));
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

}
