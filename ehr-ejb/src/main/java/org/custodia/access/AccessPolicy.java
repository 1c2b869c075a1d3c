package org.custodia.access;

import java.util.EnumSet;
import java.util.Set;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.StaffRole;

/**
 * Decides whether the caller may do an action on a subject now, for every entry channel alike (REST, SOAP, pages,
 * node-to-node): the caller's roles against {@link Permissions}; the chain's consent state joins the decision for
 * shared records. A refusal is audited here, in its own transaction, whatever the channel, and thrown as
 * {@link AccessDeniedException}: the caller did nothing.
 *
 * <p>Services do not call this directly: their methods are annotated {@link Audited}, and {@link AuditedCalls}
 * asks the policy before the method runs.
 */
@Stateless
@PermitAll
@DeclareRoles({StaffRole.Names.PHYSICIAN, StaffRole.Names.NURSE, StaffRole.Names.CLERK,
        StaffRole.Names.PRIVACY_OFFICER, StaffRole.Names.ADMIN})
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AccessPolicy {

    @Resource
    private SessionContext session;

    @EJB
    private AuditTrail audit;

    /**
     * The caller, if it may attempt {@code action} on {@code subject}.
     *
     * @throws AccessDeniedException if not (audited as {@link AuditedAction#ACCESS_DENIED})
     */
    public Actor require(AuditedAction action, String subject) {
        Actor actor = caller();
        Set<StaffRole> allowed = Permissions.rolesFor(action);
        if (actor.roles().stream().noneMatch(allowed::contains)) {
            String what = action.code() + (subject == null ? "" : " on " + subject);
            audit.record(actor.name(), AuditedAction.ACCESS_DENIED, subject, AuditOutcome.REFUSED,
                    what + ": no role that allows it");
            throw new AccessDeniedException("your roles do not allow " + action.code());
        }
        return actor;
    }

    /**
     * The actions the caller's roles allow it to attempt: what the pages offer, so that nobody is shown an action
     * the policy would refuse. (Consent on chain may still refuse a permitted action on a shared record.)
     */
    public Set<AuditedAction> permittedActions() {
        Set<StaffRole> roles = caller().roles();
        Set<AuditedAction> permitted = EnumSet.noneOf(AuditedAction.class);
        for (AuditedAction action : AuditedAction.values()) {
            if (Permissions.rolesFor(action).stream().anyMatch(roles::contains)) {
                permitted.add(action);
            }
        }
        return permitted;
    }

    /** The signed-in caller and its staff roles ({@code anonymous} with none when nobody is signed in). */
    public Actor caller() {
        String name = session.getCallerPrincipal() == null ? "anonymous" : session.getCallerPrincipal().getName();
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            if (session.isCallerInRole(role.roleName())) {
                roles.add(role);
            }
        }
        return new Actor(name, roles);
    }
}
