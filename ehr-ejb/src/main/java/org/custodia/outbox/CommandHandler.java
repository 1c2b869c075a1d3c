package org.custodia.outbox;

import java.time.Duration;

/**
 * Carries out one kind of outbox command. Implementations are CDI beans; the outbox finds them by {@link #kind()}.
 *
 * <p>{@link #carryOut} runs outside any transaction and must be safe to repeat: the outbox guarantees at most one
 * attempt at a time, not that an attempt whose answer was lost did nothing. Look up
 * {@link PendingCommand#pendingTransaction()} before sending again, and treat "already done as asked" as done.
 */
public interface CommandHandler {

    /** A short stable name, stored with each command (at most 32 characters). */
    String kind();

    /** One attempt; never throws for a failure the next attempt may overcome (answers {@code Retry} instead). */
    CommandOutcome carryOut(PendingCommand command);

    /**
     * The longest wait between failed attempts: {@link OutboxRetryPolicy#MAXIMUM_DELAY} unless a kind whose attempt
     * is cheap should follow its target's return more closely (e.g. deliveries to another node).
     */
    default Duration maximumRetryDelay() {
        return OutboxRetryPolicy.MAXIMUM_DELAY;
    }

    /** Called in the transaction that removes the command, to record its effect (e.g. mark a record anchored). */
    void completed(String subject, CommandOutcome.Done done);
}
