package org.custodia.it;

import org.openqa.selenium.By;

/** The sign-in page ({@code /sign-in.xhtml}). */
final class SignInPage {

    static final String PATH = "/custodia/sign-in.xhtml";
    static final By USERNAME = By.id("sign-in:username");
    static final By PASSWORD = By.id("sign-in:password");
    static final By SUBMIT = By.id("sign-in:submit");
    static final By REASON = By.id("sign-in-reason");
    static final By USERNAME_MESSAGE = By.id("sign-in:username-message");
    static final By PASSWORD_MESSAGE = By.id("sign-in:password-message");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    SignInPage(Browser browser) {
        this.browser = browser;
        browser.visible(USERNAME);
    }

    static SignInPage open(Browser browser) {
        browser.open(PATH);
        return new SignInPage(browser);
    }

    /** Signs in and expects the staff home page. */
    StaffHomePage signInAs(StaffClient staff) {
        submit(staff.username(), staff.password());
        return new StaffHomePage(browser);
    }

    /** Submits the form as typed and stays on the sign-in page. */
    SignInPage submit(String username, String password) {
        browser.type(USERNAME, username);
        browser.type(PASSWORD, password);
        browser.submit(SUBMIT);
        return this;
    }

    String reason() {
        return browser.text(REASON);
    }

    String message() {
        return browser.text(MESSAGES);
    }

    String fieldMessages() {
        return browser.text(USERNAME_MESSAGE) + " " + browser.text(PASSWORD_MESSAGE);
    }
}
