package org.custodia.web.pages;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.patients.Demographics;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.PatientQuery;
import org.custodia.patients.PatientRegistration;
import org.custodia.patients.PatientRegistry;

/**
 * Backs the patients page: find a patient by MRN or national id (sent in the form's body, never in a URL) and
 * register one. Field rules are checked by the page's validators first, so that each field gets its own message;
 * what only the registry can tell (a duplicate, a role that may not register) comes back as a page message.
 */
@Named
@RequestScoped
public class PatientSearch {

    @EJB
    private PatientRegistry patients;

    @Inject
    private PageMessages messages;

    @Inject
    private Navigation navigation;

    private String mrn;
    private String nationalId;
    private String newMrn;
    private String familyName;
    private String givenName;
    private LocalDate birthDate;
    private String newNationalId;

    /**
     * The page's view action: a role that may neither find nor register patients (an administrator, who opened the
     * page by its address) is told so, the refusal audited, instead of being offered forms that are refused.
     */
    public void load() {
        if (!navigation.may("PATIENT_REGISTER")) {
            navigation.allows("PATIENT_FIND");
        }
    }

    public void findByMrn() throws IOException {
        find(() -> patients.search(Given.read(() -> PatientQuery.byMrn(mrn))));
    }

    public void findByNationalId() throws IOException {
        find(() -> patients.search(Given.read(() -> PatientQuery.byNationalId(nationalId))));
    }

    public void register() throws IOException {
        find(() -> patients.register(Given.read(() -> new PatientRegistration(newMrn,
                new Demographics(familyName, givenName, birthDate, newNationalId)))));
    }

    /** The birth date field's own check: the registry's rule, so that a refusal is shown at the field. */
    public void checkBirthDate(FacesContext context, UIComponent field, Object value) {
        try {
            PatientRegistration.checkBirthDate((LocalDate) value);
        } catch (IllegalArgumentException e) {
            throw new ValidatorException(messages.error("patients.birthDateRange", Demographics.EARLIEST_BIRTH_DATE));
        }
    }

    private void find(PatientLookup lookup) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        PatientDetails found;
        try {
            found = lookup.run();
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return;
        }
        nationalId = null;
        newNationalId = null;
        ExternalContext external = faces.getExternalContext();
        external.redirect(external.getRequestContextPath() + PatientChart.PAGE + "?id=" + found.id());
    }

    /** One registry call that yields a patient. */
    private interface PatientLookup {
        PatientDetails run();
    }

    public String getMrn() {
        return mrn;
    }

    public void setMrn(String mrn) {
        this.mrn = mrn;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public String getNewMrn() {
        return newMrn;
    }

    public void setNewMrn(String newMrn) {
        this.newMrn = newMrn;
    }

    public String getFamilyName() {
        return familyName;
    }

    public void setFamilyName(String familyName) {
        this.familyName = familyName;
    }

    public String getGivenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(LocalDate birthDate) {
        this.birthDate = birthDate;
    }

    public String getNewNationalId() {
        return newNationalId;
    }

    public void setNewNationalId(String newNationalId) {
        this.newNationalId = newNationalId;
    }
}
