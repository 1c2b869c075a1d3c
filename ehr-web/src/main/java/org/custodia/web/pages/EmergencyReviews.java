package org.custodia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.ServiceException;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.Direction;
import org.custodia.sharing.EmergencyAccessDetails;

/** Backs the privacy officer's review queue: emergency accesses to this hospital's patients not yet reviewed. */
@Named
@ViewScoped
public class EmergencyReviews implements Serializable {

    static final String PAGE = "/staff/emergencies.xhtml";
    private static final long serialVersionUID = 1L;

    @EJB
    private ConsentService consent;

    @Inject
    private PageMessages messages;

    private transient List<EmergencyAccessDetails> unreviewed = List.of();
    private final ListPosition<Long> position = new ListPosition<>();

    /** Loads the queue's page shown (the page's view action). */
    public void load() {
        try {
            unreviewed = position.shown(consent.emergencies(Direction.INCOMING, false,
                    ListPosition.window(position)));
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            unreviewed = position.unread();
        }
    }

    public void older() {
        position.older();
        load();
    }

    public void newest() {
        position.newest();
        load();
    }

    public ListPosition<Long> getPosition() {
        return position;
    }

    /** Once reviewed, the page is opened again by its address ({@link AfterChange}); a refusal leaves it as it was. */
    public void review(long emergencyId) throws IOException {
        try {
            consent.review(emergencyId);
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            load();
            return;
        }
        AfterChange.redirect(messages.info("emergencies.reviewed"), PAGE);
    }

    public List<EmergencyAccessDetails> getUnreviewed() {
        return unreviewed == null ? List.of() : unreviewed;
    }
}
