package org.custodia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.ServiceException;
import org.custodia.sharing.AccessRequestDetails;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.Purpose;

/**
 * Backs the requests page: the requests this hospital sent and their status, and the requests other hospitals sent
 * it, which a physician or privacy officer approves (until a date) or denies: those awaiting a decision, or all of
 * them. Each list newest first, a page at a time.
 */
@Named
@ViewScoped
public class AccessRequests implements Serializable {

    static final String PAGE = "/staff/requests.xhtml";
    private static final long serialVersionUID = 1L;
    /** What an approval's expiry field proposes. */
    private static final int DEFAULT_DAYS = 30;

    @EJB
    private ConsentService consent;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private transient List<AccessRequestDetails> outgoing = List.of();
    private transient List<AccessRequestDetails> incoming = List.of();
    private final ListPosition<Long> outgoingPosition = new ListPosition<>();
    private final ListPosition<Long> incomingPosition = new ListPosition<>();
    /** The incoming requests shown: those awaiting a decision (the default), or all. */
    private boolean allIncoming;
    private LocalDate approveUntil = LocalDate.now(ZoneOffset.UTC).plusDays(DEFAULT_DAYS);

    /** Loads the page of each list shown (the page's view action). */
    public void load() {
        if (!navigation.may("ACCESS_REQUESTS_INCOMING_READ") && !navigation.may("ACCESS_REQUESTS_OUTGOING_READ")) {
            // neither list: the refusal is audited and the page says why, as every other page does
            navigation.allows("ACCESS_REQUESTS_INCOMING_READ");
            return;
        }
        loadIncoming();
        loadOutgoing();
    }

    private void loadIncoming() {
        if (navigation.may("ACCESS_REQUESTS_INCOMING_READ")) {
            incoming = shown(incomingPosition, () -> incomingPosition.shown(
                    consent.incomingRequests(allIncoming ? null : "pending", ListPosition.window(incomingPosition))));
        }
    }

    private void loadOutgoing() {
        if (navigation.may("ACCESS_REQUESTS_OUTGOING_READ")) {
            outgoing = shown(outgoingPosition, () -> outgoingPosition.shown(
                    consent.outgoingRequests(null, ListPosition.window(outgoingPosition))));
        }
    }

    /** A list's page; when its service refuses, a message, and the list shown as unread rather than as empty. */
    private List<AccessRequestDetails> shown(ListPosition<Long> position, Supplier<List<AccessRequestDetails>> read) {
        try {
            return read.get();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            return position.unread();
        }
    }

    public void olderIncoming() {
        incomingPosition.older();
        loadIncoming();
    }

    /** Shows the incoming requests chosen (awaiting a decision, or all) from the newest. */
    public void newestIncoming() {
        incomingPosition.newest();
        loadIncoming();
    }

    public void olderOutgoing() {
        outgoingPosition.older();
        loadOutgoing();
    }

    public void newestOutgoing() {
        outgoingPosition.newest();
        loadOutgoing();
    }

    /** Approves until the end of the chosen day (UTC). */
    public void approve(long requestId) throws IOException {
        if (approveUntil == null) {
            FacesContext.getCurrentInstance().addMessage(null, messages.error("requests.expiryRequired"));
            return;
        }
        Instant until = approveUntil.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        decide(() -> consent.approve(requestId, Given.of(until)), "requests.approved");
    }

    /**
     * Whether the request may be approved: its purpose is one of the consortium's codes. Free text (another member's
     * software) would go on chain again with the grant, and the service refuses it; such a request can be denied.
     */
    public boolean approvable(AccessRequestDetails request) {
        try {
            Purpose.ofCode(request.purpose());
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    public void deny(long requestId) throws IOException {
        decide(() -> consent.deny(requestId), "requests.denied");
    }

    /**
     * Once decided, the page is opened again by its address ({@link AfterChange}), with the approval's day and the
     * requests shown that staff had chosen, for the next decision; a refusal leaves the page as it was.
     */
    private void decide(Runnable decision, String done) throws IOException {
        try {
            decision.run();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            load();
            return;
        }
        AfterChange.redirect(messages.info(done), PAGE + "?all=" + allIncoming
                + (approveUntil == null ? "" : "&until=" + approveUntil));
    }

    public List<AccessRequestDetails> getOutgoing() {
        return outgoing == null ? List.of() : outgoing;
    }

    public List<AccessRequestDetails> getIncoming() {
        return incoming == null ? List.of() : incoming;
    }

    public boolean isAllIncoming() {
        return allIncoming;
    }

    public void setAllIncoming(boolean allIncoming) {
        this.allIncoming = allIncoming;
    }

    public ListPosition<Long> getIncomingPosition() {
        return incomingPosition;
    }

    public ListPosition<Long> getOutgoingPosition() {
        return outgoingPosition;
    }

    public LocalDate getApproveUntil() {
        return approveUntil;
    }

    public void setApproveUntil(LocalDate approveUntil) {
        this.approveUntil = approveUntil;
    }
}
