package org.custodia.consortium;

import java.time.Instant;

import org.custodia.ledger.api.LedgerAddress;

/**
 * A record anchored on chain for a patient by any hospital of the consortium: what discovery shows before the
 * record is fetched. Titles stay at the custodian.
 *
 * @param recordId      64 lowercase hex digits, as the node's record ids are written
 * @param custodianName the custodian's display name; null when it is no longer a member
 * @param received      whether this node already keeps a copy received from the custodian
 */
public record ConsortiumRecord(String recordId, LedgerAddress custodian, String custodianName, String category,
        String contentType, Instant anchoredAt, ReadAccess access, boolean received) {
}
