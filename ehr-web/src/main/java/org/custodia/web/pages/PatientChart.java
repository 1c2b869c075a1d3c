package org.custodia.web.pages;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.consortium.ConsortiumRecord;
import org.custodia.kernel.ServiceException;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.PatientRegistry;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordService;

/**
 * Backs a patient's chart: who the patient is, the records kept here (stored here or received from another
 * hospital), and the records other hospitals anchored for the same patient. Each part is read only if the
 * caller's roles allow it, through the same services (and audit) as the REST API.
 */
@Named
@RequestScoped
public class PatientChart {

    static final String PAGE = "/staff/patient.xhtml";

    @EJB
    private PatientRegistry patients;

    @EJB
    private RecordService records;

    @EJB
    private ConsortiumDirectory consortium;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private String id;
    private PatientDetails patient;
    private List<RecordDetails> localRecords = List.of();
    private List<ConsortiumRecord> elsewhere = List.of();

    /** Loads the chart (the page's view action). */
    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        UUID patientId;
        try {
            patientId = UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            faces.addMessage(null, messages.error("chart.badId"));
            return;
        }
        try {
            patient = patients.find(patientId);
            if (navigation.may("RECORD_LIST")) {
                localRecords = records.list(patientId);
            }
            if (navigation.may("CONSORTIUM_RECORDS_READ")) {
                elsewhere = consortium.recordsOf(patientId).stream()
                        .filter(record -> !localRecords.stream().anyMatch(local -> local.id().equals(record.recordId())))
                        .toList();
            }
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e.getMessage()));
        }
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public PatientDetails getPatient() {
        return patient;
    }

    public List<RecordDetails> getLocalRecords() {
        return localRecords;
    }

    public List<ConsortiumRecord> getElsewhere() {
        return elsewhere;
    }
}
