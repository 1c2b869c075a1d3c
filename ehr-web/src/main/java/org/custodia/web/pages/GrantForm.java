package org.custodia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.consortium.ConsortiumMember;
import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.MemberRole;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.Purpose;
import org.custodia.sharing.ScopeRequest;
import org.custodia.web.rest.ConsentInput;

/**
 * Backs the grant page: this hospital, as custodian, grants another hospital access to a patient's records here
 * (all of them, or a category) for a purpose from the consortium's closed list, until the end of a chosen day (UTC),
 * without a request. The chart shows the grant once issued, with its revocation. View-scoped, so that a form that
 * comes back with a message keeps the hospitals read from the chain.
 */
@Named
@ViewScoped
public class GrantForm implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ConsentService consent;

    @EJB
    private ConsortiumDirectory consortium;

    @Inject
    private PageMessages messages;

    @Inject
    private Navigation navigation;

    private String patient;
    private List<ConsortiumMember> hospitals = List.of();
    private String grantee;
    private String scope = "category";
    private String category;
    private String purpose;
    private LocalDate until;

    /**
     * The page's view action: the caller's roles checked (a refusal audited and shown), and the other hospitals read
     * from the chain, which the grantee is chosen among.
     */
    public void load() {
        if (!navigation.allows("GRANT_CREATE")) {
            return;
        }
        try {
            hospitals = consortium.members().stream()
                    .filter(member -> member.role() == MemberRole.HOSPITAL && !member.self())
                    .toList();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
        }
    }

    public void submit() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if ("category".equals(scope) && (category == null || category.isEmpty())) {
            faces.addMessage(null, messages.error("grant.categoryRequired"));
            return;
        }
        ScopeRequest granted = new ScopeRequest(scope, null, "category".equals(scope) ? category : null);
        Instant expiresAt = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            consent.grant(ConsentInput.givenPatientId(patient), grantee, granted, purpose, Given.of(expiresAt));
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return;
        }
        AfterChange.redirect(messages.info("grant.issued"), PatientChart.PAGE + "?id=" + patient);
    }

    /** The other hospitals of the consortium, as the chain lists them. */
    public List<ConsortiumMember> getHospitals() {
        return hospitals;
    }

    /** The categories staff may choose, as codes (their texts are in the pages' bundle). */
    public List<String> getCategories() {
        return Category.CODES;
    }

    /** The purposes staff may choose, as codes (their texts are in the pages' bundle). */
    public List<String> getPurposes() {
        return Purpose.codes();
    }

    public String getPatient() {
        return patient;
    }

    public void setPatient(String patient) {
        this.patient = patient;
    }

    public String getGrantee() {
        return grantee;
    }

    public void setGrantee(String grantee) {
        this.grantee = grantee;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public LocalDate getUntil() {
        return until;
    }

    public void setUntil(LocalDate until) {
        this.until = until;
    }
}
