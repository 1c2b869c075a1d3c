package org.custodia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.consortium.ConsortiumRecord;
import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.patients.PatientDetails;
import org.custodia.patients.PatientRegistry;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordId;
import org.custodia.records.RecordService;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.GrantDetails;
import org.custodia.sharing.RetrievalService;
import org.custodia.web.rest.ConsentInput;

/**
 * Backs a patient's chart: who the patient is, the records kept here (stored here or received from another
 * hospital), the records other hospitals anchored for the same patient that are not kept here, with this node's
 * access to each (retrieve what may be read, ask for the rest), and the grants this hospital gave for the patient
 * (revoke), each newest first, a page at a time; and emergency access. Each part is read, and each action offered,
 * only if the caller's roles allow it, through the same services (and audit) as the REST API. View-scoped: an action
 * on a row finds the row the page showed.
 */
@Named
@ViewScoped
public class PatientChart implements Serializable {

    static final String PAGE = "/staff/patient.xhtml";
    private static final long serialVersionUID = 1L;

    @EJB
    private PatientRegistry patients;

    @EJB
    private RecordService records;

    @EJB
    private ConsortiumDirectory consortium;

    @EJB
    private ConsentService consent;

    @EJB
    private RetrievalService retrieval;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private String id;
    private UUID patientId;
    private transient ChartHeading patient;
    private transient List<RecordDetails> localRecords = List.of();
    private transient List<ConsortiumRecord> elsewhere = List.of();
    private transient List<GrantDetails> grants = List.of();
    private final ListPosition<RecordId> localPosition = new ListPosition<>();
    private final ListPosition<Long> elsewherePosition = new ListPosition<>();
    private final ListPosition<Long> grantsPosition = new ListPosition<>();
    private Integer emergencyReason;

    /** Loads the chart (the page's view action). */
    public void load() {
        try {
            patientId = ConsentInput.patientId(id);
        } catch (IllegalArgumentException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.error("chart.badId"));
            return;
        }
        refresh();
    }

    /** Fetches a record another hospital shares through a proxy and keeps it here: the newest of the records here. */
    public void retrieve(String recordId) throws IOException {
        act(() -> retrieval.retrieve(RecordId.given(recordId)), "chart.retrieved");
    }

    public void revoke(long grantId) throws IOException {
        act(() -> consent.revoke(grantId), "chart.revoked");
    }

    /** Break-glass: emergency access to the patient's records at every hospital, reviewed afterwards. */
    public void declareEmergency() throws IOException {
        if (emergencyReason == null) {
            FacesContext.getCurrentInstance().addMessage(null, messages.error("chart.emergencyReasonRequired"));
            return;
        }
        act(() -> consent.declareEmergency(Given.of(patientId), Given.of(emergencyReason)), "chart.emergencyDeclared");
    }

    /**
     * Runs a change; once made, the chart is opened again by its address with its lists from their newest entries
     * ({@link AfterChange}). One refused leaves the page as staff had it, with the refusal.
     */
    private void act(Runnable action, String done) throws IOException {
        try {
            action.run();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            refresh();
            return;
        }
        AfterChange.redirect(messages.info(done), PAGE + "?id=" + patientId);
    }

    /** Reads each part on its own, so that one unavailable dependency (the chain) leaves the others shown. */
    private void refresh() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            patient = ChartHeading.of(patients.find(Given.of(patientId)));
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return;
        }
        loadLocal(faces);
        loadElsewhere(faces);
        loadGrants(faces);
    }

    private void loadLocal(FacesContext faces) {
        localRecords = part(faces, "RECORD_LIST", localPosition, () -> localPosition.shown(
                records.list(Given.of(patientId), localPosition.before(), ListPosition.ROWS)));
    }

    public void olderLocal() {
        localPosition.older();
        loadLocal(FacesContext.getCurrentInstance());
    }

    public void newestLocal() {
        localPosition.newest();
        loadLocal(FacesContext.getCurrentInstance());
    }

    /** The records this node does not keep (neither its own nor received). */
    private void loadElsewhere(FacesContext faces) {
        elsewhere = part(faces, "CONSORTIUM_RECORDS_READ", elsewherePosition, () -> elsewherePosition.shown(
                consortium.recordsOf(Given.of(patientId), false, ListPosition.window(elsewherePosition))));
    }

    public void olderElsewhere() {
        elsewherePosition.older();
        loadElsewhere(FacesContext.getCurrentInstance());
    }

    public void newestElsewhere() {
        elsewherePosition.newest();
        loadElsewhere(FacesContext.getCurrentInstance());
    }

    private void loadGrants(FacesContext faces) {
        grants = part(faces, "GRANTS_READ", grantsPosition, () -> grantsPosition.shown(
                consent.grants(Given.of(patientId), ListPosition.window(grantsPosition))));
    }

    public void olderGrants() {
        grantsPosition.older();
        loadGrants(FacesContext.getCurrentInstance());
    }

    public void newestGrants() {
        grantsPosition.newest();
        loadGrants(FacesContext.getCurrentInstance());
    }

    /**
     * One part of the chart, if the caller may read it; when its service refuses, a message, and the part shown as
     * unread (not as empty: a clinician would take "none" for a fact).
     */
    private <T> List<T> part(FacesContext faces, String action, ListPosition<?> position, Supplier<List<T>> read) {
        if (!navigation.may(action)) {
            return List.of();
        }
        try {
            return read.get();
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return position.unread();
        }
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public ChartHeading getPatient() {
        return patient;
    }

    public List<RecordDetails> getLocalRecords() {
        return localRecords == null ? List.of() : localRecords;
    }

    public List<ConsortiumRecord> getElsewhere() {
        return elsewhere == null ? List.of() : elsewhere;
    }

    public ListPosition<RecordId> getLocalPosition() {
        return localPosition;
    }

    public ListPosition<Long> getElsewherePosition() {
        return elsewherePosition;
    }

    public ListPosition<Long> getGrantsPosition() {
        return grantsPosition;
    }

    public List<GrantDetails> getGrants() {
        return grants == null ? List.of() : grants;
    }

    public Integer getEmergencyReason() {
        return emergencyReason;
    }

    public void setEmergencyReason(Integer emergencyReason) {
        this.emergencyReason = emergencyReason;
    }

    /**
     * What the chart shows of the patient. The view is kept between requests (up to the views a session keeps), so it
     * holds no more of the patient's demographics than the page shows: not the national id.
     */
    public record ChartHeading(UUID id, String mrn, String familyName, String givenName, LocalDate birthDate,
            Instant registeredAt) {

        static ChartHeading of(PatientDetails patient) {
            return new ChartHeading(patient.id(), patient.mrn(), patient.demographics().familyName(),
                    patient.demographics().givenName(), patient.demographics().birthDate(), patient.registeredAt());
        }

        @Override
        public String toString() {
            return "ChartHeading[" + id + ", redacted]";
        }
    }
}
