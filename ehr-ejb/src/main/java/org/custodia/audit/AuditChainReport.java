package org.custodia.audit;

/**
 * What a check of the audit trail's hash chain found.
 *
 * @param checked      sealed entries checked, from the first to the head
 * @param head         the sequence of the newest sealed entry
 * @param brokenAt     the first place the chain does not hold, or -1 when it holds throughout
 * @param problem      what is wrong there, for a privacy officer ({@code null} when intact)
 * @param unsealed     entries not sealed yet (written in the last seconds)
 */
public record AuditChainReport(long checked, long head, long brokenAt, String problem, long unsealed) {

    public boolean intact() {
        return brokenAt < 0;
    }
}
