package org.custodia.web.pages;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.api.Category;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.PatientRegistry;
import org.custodia.web.rest.ConsentInput;

/**
 * Backs the upload page. The document itself never passes through Faces: the page's script streams the chosen file
 * as the body of the REST API's upload (no multipart form, so neither the browser's form encoding nor the server's
 * multipart parser buffers it or writes it to a temporary file), signed in by this session and its anti-forgery
 * token. The service encrypts as it reads, so no plaintext reaches the disk.
 */
@Named
@RequestScoped
public class RecordUpload {

    @EJB
    private PatientRegistry patients;

    @Inject
    private PageMessages messages;

    @Inject
    private Navigation navigation;

    private String patientId;
    private PatientDetails patient;

    /** Loads the patient the upload is for (the page's view action). */
    public void load() {
        if (!navigation.allows("RECORD_UPLOAD")) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            patient = patients.find(Given.of(ConsentInput.patientId(patientId)));
        } catch (IllegalArgumentException e) {
            faces.addMessage(null, messages.error("chart.badId"));
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
        }
    }

    /** The consortium's category codes, in their order. */
    public List<String> getCategories() {
        return Category.CODES;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public PatientDetails getPatient() {
        return patient;
    }
}
