package org.custodia.audit;

import java.time.Instant;

import org.custodia.ledger.api.AnchoredAuditHead;

/**
 * What a check of the audit trail found: its hash chain in the database, and the chain against the newest head this
 * node anchored on chain.
 *
 * @param checked       sealed entries checked, from the first to the head
 * @param head          the sequence of the newest sealed entry
 * @param brokenAt      the first place the trail does not hold, or -1 when it holds throughout
 * @param problem       what is wrong there, for a privacy officer ({@code null} when intact)
 * @param unsealed      entries not sealed yet (written in the last seconds)
 * @param anchored      the sequence of the newest head anchored on chain, 0 while none is
 * @param anchoredBlock the block that anchored it (0 while none did)
 * @param anchoredAt    that block's time ({@code null} while none)
 * @param anchorsUnread why the anchored heads could not be read (the chain node did not answer, or its contract
 *                      predates audit anchoring), so only the hash chain was checked; {@code null} when they were
 */
public record AuditChainReport(long checked, long head, long brokenAt, String problem, long unsealed, long anchored,
                               long anchoredBlock, Instant anchoredAt, String anchorsUnread) {

    /** What the hash chain alone shows, before it is compared with the anchors. */
    AuditChainReport(long checked, long head, long brokenAt, String problem, long unsealed) {
        this(checked, head, brokenAt, problem, unsealed, 0, 0, null, null);
    }

    public boolean intact() {
        return brokenAt < 0;
    }

    /** This report, with {@code newest} as the newest head anchored on chain. */
    AuditChainReport anchoredBy(AnchoredAuditHead newest) {
        return new AuditChainReport(checked, head, brokenAt, problem, unsealed, newest.head().sequence(),
                newest.blockNumber(), newest.anchoredAt(), null);
    }

    /** This report, broken at {@code sequence} for {@code why}. */
    AuditChainReport broken(long sequence, String why) {
        return new AuditChainReport(checked, head, sequence, why, unsealed, anchored, anchoredBlock, anchoredAt,
                anchorsUnread);
    }

    /** This report of the hash chain alone, the anchors not read for {@code why}. */
    AuditChainReport anchorsUnread(String why) {
        return new AuditChainReport(checked, head, brokenAt, problem, unsealed, 0, 0, null, why);
    }
}
