package org.custodia.outbox;

import java.time.Instant;
import java.util.Optional;

import org.custodia.ledger.api.Bytes32;

/** What one attempt to carry out an outbox command came to. */
public sealed interface CommandOutcome {

    /**
     * The command took effect.
     *
     * @param transaction the chain transaction that carried it, when known (not when an earlier, lost attempt did)
     * @param block       its block number, when known
     * @param at          when it took effect
     */
    record Done(Optional<Bytes32> transaction, Long block, Instant at) implements CommandOutcome {
    }

    /**
     * Not done yet; tried again after {@link OutboxRetryPolicy#delayAfter}.
     *
     * @param pendingTransaction a transaction that was sent and may still be mined: looked up before sending again
     */
    record Retry(String reason, Optional<Bytes32> pendingTransaction) implements CommandOutcome {
    }

    /**
     * The command can never take effect as it stands (e.g. another anchor under the same id): an operator must
     * investigate. Retried only every {@link OutboxRetryPolicy#MAXIMUM_DELAY}, listed as in conflict in the
     * {@link OutboxOverview} until an attempt succeeds or fails otherwise, and logged at {@code SEVERE} once per reason
     * and run of the application.
     */
    record Conflict(String reason) implements CommandOutcome {
    }
}
