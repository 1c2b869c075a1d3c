package org.custodia.it;

import org.openqa.selenium.By;

/** The template's masthead every page shares: who is signed in, and signing out. */
final class Masthead {

    static final By SIGNED_IN_AS = By.id("session:signed-in-as");
    static final By SIGN_OUT = By.id("session:sign-out");

    private Masthead() {
    }

    /** Signs out from whichever page the browser shows, landing on the sign-in page. */
    static SignInPage signOut(Browser browser) {
        browser.submit(SIGN_OUT);
        return new SignInPage(browser);
    }
}
