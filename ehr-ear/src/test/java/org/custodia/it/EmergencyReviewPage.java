package org.custodia.it;

import org.openqa.selenium.By;

/** The privacy officer's review queue ({@code /staff/emergencies.xhtml}). */
final class EmergencyReviewPage {

    static final String PATH = "/custodia/staff/emergencies.xhtml";
    static final By TABLE = By.id("emergencies-form:emergencies");
    static final By MESSAGES = By.id("messages");
    private static final String ROW = "//tbody[@id='emergencies-form:emergencies_data']/tr[.//*[@data-emergency='%d']]";

    private final Browser browser;

    EmergencyReviewPage(Browser browser) {
        this.browser = browser;
        browser.visible(TABLE);
    }

    static EmergencyReviewPage open(Browser browser) {
        browser.open(PATH);
        return new EmergencyReviewPage(browser);
    }

    boolean lists(long emergencyId) {
        return browser.present(row(emergencyId));
    }

    /** The hospital that declared emergency access {@code emergencyId}, as the page names it. */
    String declarer(long emergencyId) {
        return browser.text(By.xpath(ROW.formatted(emergencyId) + "//*[@data-emergency='" + emergencyId + "']"));
    }

    String review(long emergencyId) {
        browser.submit(By.xpath(ROW.formatted(emergencyId) + "//input[contains(@id, ':review')]"));
        return browser.text(MESSAGES);
    }

    private static By row(long emergencyId) {
        return By.xpath(ROW.formatted(emergencyId));
    }
}
