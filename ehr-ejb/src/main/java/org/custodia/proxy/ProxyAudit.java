package org.custodia.proxy;

import java.util.EnumSet;
import java.util.Set;

import org.custodia.audit.AuditOutcome;
import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** How the proxy's audit entries name the outcome of a call that ended in a service exception. */
final class ProxyAudit {

    /** Failures of a dependency or of another node's content: the caller's request was not refused. */
    private static final Set<Failure> FAILURES_NOT_REFUSALS = EnumSet.of(Failure.UNAVAILABLE, Failure.STORAGE_FULL,
            Failure.CUSTODIAN_UNREACHABLE, Failure.PROXY_UNREACHABLE, Failure.INTEGRITY_FAILURE);

    private ProxyAudit() {
    }

    static AuditOutcome outcomeOf(ServiceException e) {
        return FAILURES_NOT_REFUSALS.contains(e.failure()) ? AuditOutcome.FAILED : AuditOutcome.REFUSED;
    }
}
