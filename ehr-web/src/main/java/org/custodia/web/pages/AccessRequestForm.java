package org.custodia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.consortium.ConsortiumMember;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.Purpose;
import org.custodia.sharing.ScopeRequest;
import org.custodia.web.rest.ConsentInput;

/**
 * Backs the access request page: this hospital asks another for one of a patient's records, a category of them, or
 * all of them, for a purpose from the consortium's closed list. The custodian decides; the requests page follows it.
 * View-scoped, so that a form that comes back with a message still names the addressee and the category the link
 * gave (the view action and the model update are skipped when validation fails).
 */
@Named
@ViewScoped
public class AccessRequestForm implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ConsentService consent;

    @EJB
    private ConsortiumDirectory consortium;

    @Inject
    private PageMessages messages;

    private String patient;
    private String custodian;
    private String custodianName;
    private String record;
    private String category;
    private String scope = "record";
    private String purpose;

    public void submit() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ScopeRequest requested = new ScopeRequest(scope, "record".equals(scope) ? record : null,
                "category".equals(scope) ? category : null);
        try {
            consent.requestAccess(ConsentInput.givenPatientId(patient), custodian, requested, purpose);
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
            return;
        }
        AfterChange.redirect(messages.info("request.sent"), AccessRequests.PAGE);
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

    public String getCustodian() {
        return custodian;
    }

    public void setCustodian(String custodian) {
        this.custodian = custodian;
    }

    /**
     * Reads the addressee's name as the chain lists it (never taken from the link, which anyone can write): the page's
     * view action, also on a postback; where the chain cannot be read, the page shows the address and says why.
     */
    public void load() {
        try {
            custodianName = consortium.members().stream()
                    .filter(member -> member.account().toString().equalsIgnoreCase(custodian))
                    .map(ConsortiumMember::displayName).findFirst().orElseGet(this::addressOnly);
        } catch (ServiceException e) {
            custodianName = addressOnly();
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
        }
    }

    /** The link's custodian where no member's name is known: shown only if it is an address, never as any text. */
    private String addressOnly() {
        try {
            return LedgerAddress.fromHex(custodian).toString();
        } catch (RuntimeException e) {
            return messages.text("request.unknownCustodian");
        }
    }

    /** The addressee's name as {@link #load} read it, or its address. */
    public String getCustodianName() {
        return custodianName == null ? addressOnly() : custodianName;
    }

    public String getRecord() {
        return record;
    }

    public void setRecord(String record) {
        this.record = record;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }
}
