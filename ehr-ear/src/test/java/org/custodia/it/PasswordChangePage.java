package org.custodia.it;

import org.openqa.selenium.By;

/**
 * Changing one's own password ({@code /staff/password.xhtml}); the sign-in sends an account there, with
 * {@code ?reason=required}, while a password an administrator set is unchanged.
 */
final class PasswordChangePage {

    static final By CURRENT = By.id("password-change:current");
    static final By REPLACEMENT = By.id("password-change:replacement");
    static final By REPEAT = By.id("password-change:repeat");
    static final By SUBMIT = By.id("password-change:submit");
    static final By REASON = By.id("password-reason");
    static final By REPEAT_MESSAGE = By.id("password-change:repeat-message");

    private final Browser browser;

    PasswordChangePage(Browser browser) {
        this.browser = browser;
        browser.visible(CURRENT);
    }

    /** Whether the page says the password must be changed before anything else. */
    boolean explainsRequirement() {
        return browser.present(REASON);
    }

    /** Changes the password and expects the home page (which shows the confirmation in its messages). */
    StaffHomePage change(String current, String replacement) {
        submit(current, replacement, replacement);
        return new StaffHomePage(browser);
    }

    /** Fills in the form as given and submits it; the page stays when something is refused. */
    PasswordChangePage submit(String current, String replacement, String repeat) {
        browser.type(CURRENT, current);
        browser.type(REPLACEMENT, replacement);
        browser.type(REPEAT, repeat);
        browser.submit(SUBMIT);
        return this;
    }

    String repeatMessage() {
        return browser.text(REPEAT_MESSAGE);
    }

}
