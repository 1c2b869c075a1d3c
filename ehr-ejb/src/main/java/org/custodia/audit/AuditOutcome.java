package org.custodia.audit;

import java.util.EnumSet;
import java.util.Set;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** Whether the audited action was carried out. */
public enum AuditOutcome {
    SUCCEEDED,
    REFUSED,
    FAILED,
    /**
     * Whether a step the node cannot undo took effect is not known to the node: the chain tells. The chain node did
     * not confirm the action's transaction in time (it may still be mined), or the node stopped after writing what
     * the action set out to do ({@link AuditIntent}) and before its entry, which its next start then writes.
     */
    UNKNOWN;

    /** Failures of a dependency, the store or another node: the request was not refused. */
    private static final Set<Failure> FAILURES_NOT_REFUSALS = EnumSet.of(Failure.UNAVAILABLE, Failure.STORAGE_FULL,
            Failure.CUSTODIAN_UNREACHABLE, Failure.PROXY_UNREACHABLE, Failure.INTEGRITY_FAILURE);

    /** The outcome of an action that ended with {@code failure}: failed when something broke, else refused. */
    public static AuditOutcome of(ServiceException failure) {
        return FAILURES_NOT_REFUSALS.contains(failure.failure()) ? FAILED : REFUSED;
    }
}
