package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;

/**
 * A service refused the caller's role: 403 problem details, and an audit entry naming the caller and the request
 * (the service did nothing).
 */
@Provider
@ApplicationScoped
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @EJB
    private AuditTrail audit;

    @Inject
    private HttpServletRequest request;

    @Override
    public Response toResponse(EJBAccessException e) {
        String actor = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        String path = request.getRequestURI();
        audit.record(actor, "access.denied", path, AuditOutcome.REFUSED,
                request.getMethod() + " " + path + ": no role that allows it");
        return Problems.response(403, "forbidden", "Forbidden",
                "your roles do not allow " + request.getMethod() + " " + path, path);
    }
}
