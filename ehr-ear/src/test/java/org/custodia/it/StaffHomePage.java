package org.custodia.it;

import org.openqa.selenium.By;

/** The staff home page ({@code /staff/index.xhtml}) and the template's navigation every staff page shares. */
final class StaffHomePage {

    static final By WELCOME = By.id("welcome");
    static final By NAV_PATIENTS = By.id("nav-patients");
    static final By NO_PATIENT_WORK = By.id("no-patient-work");

    private final Browser browser;

    StaffHomePage(Browser browser) {
        this.browser = browser;
        browser.visible(WELCOME);
    }

    String welcome() {
        return browser.text(WELCOME);
    }

    boolean offersPatients() {
        return browser.present(NAV_PATIENTS);
    }

    boolean saysThereIsNoPatientWork() {
        return browser.present(NO_PATIENT_WORK);
    }

    PatientsPage patients() {
        browser.click(NAV_PATIENTS);
        return new PatientsPage(browser);
    }

    SignInPage signOut() {
        return Masthead.signOut(browser);
    }
}
