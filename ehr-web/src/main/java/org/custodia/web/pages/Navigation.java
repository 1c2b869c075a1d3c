package org.custodia.web.pages;

import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.custodia.access.AccessDeniedException;
import org.custodia.access.AccessPolicy;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.web.security.StaffSession;

/**
 * What the signed-in staff member may do, for the template's navigation and each page's actions: a page offers
 * only what the access policy would allow (the policy still decides, and audits, every call).
 */
@Named
@RequestScoped
public class Navigation {

    @EJB
    private AccessPolicy policy;

    @Inject
    private ExternalContext external;

    @Inject
    private NodeSettings settings;

    @Inject
    private PageMessages messages;

    private Set<AuditedAction> permitted;

    /** Whether the caller's roles allow the action named {@code action} (an {@link AuditedAction} constant). */
    public boolean may(String action) {
        if (permitted == null) {
            permitted = policy.permittedActions();
        }
        return permitted.contains(AuditedAction.valueOf(action));
    }

    /**
     * For a page's view action: whether the caller's roles allow the page's {@code action}. If not, the refusal is
     * audited, as the API audits it, and the page says so rather than showing nothing.
     */
    public boolean allows(String action) {
        if (may(action)) {
            return true;
        }
        try {
            policy.require(AuditedAction.valueOf(action), null);
            return true;
        } catch (AccessDeniedException e) {
            FacesContext.getCurrentInstance().addMessage(null, messages.problem(e));
            return false;
        }
    }

    /** Whether this node is a hospital (patients and sharing) rather than a proxy. */
    public boolean isHospital() {
        return settings.role() == NodeRole.HOSPITAL;
    }

    public boolean isSignedIn() {
        return staff() != null;
    }

    public String getUsername() {
        StaffSession staff = staff();
        return staff == null ? null : staff.caller();
    }

    /** The session's anti-forgery token, for the pages' scripts that call the REST API. */
    public String getCsrfToken() {
        StaffSession staff = staff();
        return staff == null ? null : staff.csrfToken();
    }

    private StaffSession staff() {
        return StaffSession.of((HttpServletRequest) external.getRequest());
    }
}
