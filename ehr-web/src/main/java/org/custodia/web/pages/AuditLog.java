package org.custodia.web.pages;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.audit.AuditChainReport;
import org.custodia.audit.AuditFilter;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.Given;
import org.custodia.kernel.ServiceException;
import org.custodia.review.AuditPage;
import org.custodia.review.AuditReview;
import org.custodia.review.ReviewedEntry;

/**
 * Backs the privacy officer's audit page: the trail, newest first, filtered by actor, action, subject and a period
 * (entered in UTC, its end not included), fifty entries a page, each with what the chain says of it where the action
 * has a chain counterpart. Paging keeps the filter last searched for, not what the form holds since, and the trail as
 * it stood at that search. Each page is read from the last entry of the one before it (remembered, so that Previous
 * goes back): a page costs what it shows however long the trail, and no total is counted.
 */
@Named
@ViewScoped
public class AuditLog implements Serializable {

    static final int PAGE_SIZE = 50;
    private static final long serialVersionUID = 1L;

    @EJB
    private AuditReview review;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    @Inject
    private Formats formats;

    private String actor;
    private String action;
    private String subject;
    private LocalDateTime from;
    private LocalDateTime to;
    private Criteria applied = new Criteria(null, null, null, null, null);
    /** The entry each page shown so far was read before, oldest page last; the newest page's is null. */
    private ArrayList<UUID> starts = new ArrayList<>(Collections.singletonList(null));
    private UUID nextBefore;
    private transient List<ReviewedEntry> entries = List.of();

    /** Shows the newest entries (the page's view action). */
    public void load() {
        applied = new Criteria(null, null, null, null, Instant.now());
        if (navigation.allows("AUDIT_REVIEW")) {
            read();
        }
    }

    /**
     * Searches the trail as it stands now: entries written later (each page read is itself audited) stay out of
     * this search, so that paging never shifts; searching again shows them.
     */
    public void search() {
        Instant now = Instant.now();
        Instant end = utc(to);
        show(new Criteria(actor, action, subject, utc(from), end == null || now.isBefore(end) ? now : end),
                new ArrayList<>(Collections.singletonList(null)));
    }

    public void previous() {
        ArrayList<UUID> back = new ArrayList<>(starts);
        if (isPreviousAvailable()) {
            back.remove(back.size() - 1);
        }
        show(applied, back);
    }

    public void next() {
        ArrayList<UUID> on = new ArrayList<>(starts);
        if (isNextAvailable()) {
            on.add(nextBefore);
        }
        show(applied, on);
    }

    /** Checks the trail's hash chain, and against the heads anchored on chain, and says what the check found. */
    public void verify() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            AuditChainReport report = review.verify();
            faces.addMessage(null, report.intact()
                    ? messages.info("audit.intact", report.checked(), report.unsealed())
                    : messages.error("audit.broken", report.brokenAt(), report.problem()));
            if (report.anchorsUnread() != null) {
                faces.addMessage(null, messages.error("audit.anchorsUnread", messages.logged(report.anchorsUnread())));
            } else {
                faces.addMessage(null, report.anchored() > 0
                        ? messages.info("audit.anchored", report.anchored(), report.anchoredBlock(),
                                formats.second(report.anchoredAt()))
                        : messages.info("audit.notAnchored"));
            }
        } catch (ServiceException e) {
            faces.addMessage(null, messages.problem(e));
        }
        read();
    }

    /** Reads the page shown now again. */
    private void read() {
        show(applied, starts);
    }

    /**
     * Reads the page {@code pageStarts} ends with for {@code criteria} and shows it; the page shown before, its filter
     * and position, stays as it was when the search is refused (a criterion too long, an action the trail never
     * records) or fails.
     */
    private void show(Criteria criteria, ArrayList<UUID> pageStarts) {
        if (!navigation.may("AUDIT_REVIEW")) {
            return;
        }
        try {
            AuditPage page = review.search(Given.read(criteria::filter),
                    Given.of(pageStarts.get(pageStarts.size() - 1)), Given.of(PAGE_SIZE));
            applied = criteria;
            starts = pageStarts;
            entries = page.entries();
            nextBefore = page.nextBefore().orElse(null);
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
        }
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    /** The filter a page of results was read with (kept in the view, so it is serializable). */
    private record Criteria(String actor, String action, String subject, Instant from, Instant to)
            implements Serializable {

        AuditFilter filter() {
            return new AuditFilter(actor, action, subject, from, to);
        }
    }

    /** Every action code the trail may hold, in the enum's order. */
    public List<String> getActions() {
        return Arrays.stream(AuditedAction.values()).map(AuditedAction::code).toList();
    }

    public List<ReviewedEntry> getEntries() {
        return entries == null ? List.of() : entries;
    }

    /** The position of the page's first entry, counted from 1 (0 when there is none). */
    public long getFirst() {
        return getEntries().isEmpty() ? 0 : (starts.size() - 1L) * PAGE_SIZE + 1;
    }

    public long getLast() {
        return (starts.size() - 1L) * PAGE_SIZE + getEntries().size();
    }

    public boolean isPreviousAvailable() {
        return starts.size() > 1;
    }

    public boolean isNextAvailable() {
        return nextBefore != null;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    /** An action code, or null for any action. */
    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    /** Start of the period, read as UTC. */
    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    /** End of the period (not included), read as UTC. */
    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }
}
