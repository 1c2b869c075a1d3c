package org.custodia.it;

import org.openqa.selenium.By;

/** The patients page ({@code /staff/patients.xhtml}): find by MRN or national id, register. */
final class PatientsPage {

    static final String PATH = "/custodia/staff/patients.xhtml";
    static final By FIND_MRN = By.id("find-mrn:mrn");
    static final By FIND_MRN_SUBMIT = By.id("find-mrn:submit");
    static final By FIND_NATIONAL_ID = By.id("find-national-id:national-id");
    static final By FIND_NATIONAL_ID_SUBMIT = By.id("find-national-id:submit");
    static final By REGISTER = By.id("register");
    static final By MRN = By.id("register:mrn");
    static final By FAMILY_NAME = By.id("register:family-name");
    static final By GIVEN_NAME = By.id("register:given-name");
    static final By BIRTH_DATE = By.id("register:birth-date");
    static final By NATIONAL_ID = By.id("register:national-id");
    static final By REGISTER_SUBMIT = By.id("register:submit");
    static final By BIRTH_DATE_MESSAGE = By.id("register:birth-date-message");
    static final By FAMILY_NAME_MESSAGE = By.id("register:family-name-message");
    static final By MESSAGES = By.id("messages");

    private final Browser browser;

    PatientsPage(Browser browser) {
        this.browser = browser;
        browser.visible(FIND_MRN);
    }

    boolean offersRegistration() {
        return browser.present(REGISTER);
    }

    /** Fills in the registration form and submits it (the page stays when a field is refused). */
    PatientsPage fillInAndRegister(String mrn, String familyName, String givenName, String birthDate,
            String nationalId) {
        browser.type(MRN, mrn);
        browser.type(FAMILY_NAME, familyName);
        browser.type(GIVEN_NAME, givenName);
        browser.type(BIRTH_DATE, birthDate);
        browser.type(NATIONAL_ID, nationalId);
        browser.submit(REGISTER_SUBMIT);
        return this;
    }

    PatientChartPage register(String mrn, String familyName, String givenName, String birthDate, String nationalId) {
        fillInAndRegister(mrn, familyName, givenName, birthDate, nationalId);
        return new PatientChartPage(browser);
    }

    PatientChartPage findByNationalId(String nationalId) {
        browser.type(FIND_NATIONAL_ID, nationalId);
        browser.submit(FIND_NATIONAL_ID_SUBMIT);
        return new PatientChartPage(browser);
    }

    PatientsPage findMissingMrn(String mrn) {
        browser.type(FIND_MRN, mrn);
        browser.submit(FIND_MRN_SUBMIT);
        browser.visible(MESSAGES);
        return this;
    }

    String birthDateMessage() {
        return browser.text(BIRTH_DATE_MESSAGE);
    }

    String familyNameMessage() {
        return browser.text(FAMILY_NAME_MESSAGE);
    }

    String message() {
        return browser.text(MESSAGES);
    }
}
