package org.custodia.audit;

import java.time.Duration;

import org.custodia.kernel.BusyException;

/** Another check of the audit trail runs on this node; this one did not start. */
public class AuditCheckUnderWayException extends BusyException {

    private static final long serialVersionUID = 1L;

    /** What a refused check is told to wait before it tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    public AuditCheckUnderWayException() {
        super("the audit trail is being checked already (one check at a time: each reads every entry); its result "
                + "will be in the audit trail; try again in " + RETRY_AFTER.toSeconds() + " s", RETRY_AFTER, null);
    }
}
