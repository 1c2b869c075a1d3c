package org.custodia.web.pages;

import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;
import org.custodia.proxy.ProxyStatus;
import org.custodia.proxy.ProxyStatusService;

/**
 * Backs the proxy page for a proxy's administrators: the re-keys it holds and, since its last start, the
 * re-encryptions it served, those that broke off, and its refusals by reason. Counts only: nothing about patients.
 */
@Named
@RequestScoped
public class ProxyOverview {

    @EJB
    private ProxyStatusService proxy;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private ProxyStatus status;

    /** Reads the proxy's figures (the page's view action). */
    public void load() {
        if (navigation.isHospital() || !navigation.allows("PROXY_STATUS_READ")) {
            return;
        }
        try {
            status = proxy.status();
        } catch (ServiceException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e.getMessage()));
        }
    }

    /** The figures, or null when they could not be read. */
    public ProxyStatus getStatus() {
        return status;
    }

    /** The refusals by reason, in the order of {@link Failure}. */
    public List<Refusals> getRefusals() {
        if (status == null) {
            return List.of();
        }
        return status.refusalsByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new Refusals(entry.getKey().problemType(), entry.getValue())).toList();
    }

    /** How many re-encryptions were refused for one reason (its problem type, e.g. {@code no-grant}). */
    public record Refusals(String reason, long count) {
    }
}
