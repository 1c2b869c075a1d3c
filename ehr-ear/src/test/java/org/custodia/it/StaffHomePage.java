package org.custodia.it;

import org.openqa.selenium.By;

/** The staff home page ({@code /staff/index.xhtml}) and the template's navigation every staff page shares. */
final class StaffHomePage {

    static final By WELCOME = By.id("welcome");
    static final By NAV_PATIENTS = By.id("nav-patients");
    static final By NAV_ACCOUNTS = By.id("nav-accounts");
    static final By NAV_AUDIT = By.id("nav-audit");
    static final By NAV_STATUS = By.id("nav-status");
    static final By NAV_PROXY = By.id("nav-proxy");
    static final By NAV_PASSWORD = By.id("nav-password");
    static final By NO_PATIENT_WORK = By.id("no-patient-work");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    StaffHomePage(Browser browser) {
        this.browser = browser;
        browser.visible(WELCOME);
    }

    String welcome() {
        return browser.text(WELCOME);
    }

    /** The page's message, e.g. after a password change. */
    String message() {
        return browser.text(MESSAGES);
    }

    boolean offersPatients() {
        return browser.present(NAV_PATIENTS);
    }

    /** Whether the navigation offers the link {@code link} (one of the {@code NAV_} locators). */
    boolean offers(By link) {
        return browser.present(link);
    }

    boolean saysThereIsNoPatientWork() {
        return browser.present(NO_PATIENT_WORK);
    }

    PatientsPage patients() {
        browser.submit(NAV_PATIENTS);
        return new PatientsPage(browser);
    }

    AccountsPage accounts() {
        browser.submit(NAV_ACCOUNTS);
        return new AccountsPage(browser);
    }

    AuditPage audit() {
        browser.submit(NAV_AUDIT);
        return new AuditPage(browser);
    }

    NodeStatusPage status() {
        browser.submit(NAV_STATUS);
        return new NodeStatusPage(browser);
    }

    ProxyStatusPage proxy() {
        browser.submit(NAV_PROXY);
        return new ProxyStatusPage(browser);
    }

    PasswordChangePage changePassword() {
        browser.submit(NAV_PASSWORD);
        return new PasswordChangePage(browser);
    }

    SignInPage signOut() {
        return Masthead.signOut(browser);
    }
}
