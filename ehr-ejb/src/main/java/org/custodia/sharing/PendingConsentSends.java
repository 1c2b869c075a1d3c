package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.kernel.Failure;
import org.custodia.ledger.SentTransactions;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionResult;

/**
 * The grants and access requests this node is sending, and those whose outcome is not known yet (a transaction the
 * chain did not confirm in time, which may still be mined). The consent registry takes the same grant or request
 * twice, and one shows in the lists only once mined and its event read: staff who try again before would make a
 * second one, and revoking one would leave the other in force. So the same change (kind, scope, counterpart and
 * purpose; a grant's expiry does not count, a form computes it anew) is refused as a conflict while it is being sent,
 * and for {@link #UNKNOWN_FOR} after one whose outcome was unknown was sent (the time its event takes to show in the
 * lists, and more): the refusal names the transaction, and says so once it is mined. Kept in memory: a node that restarts forgets them (the audit trail's
 * entries with outcome {@code unknown} name them).
 */
@ApplicationScoped
public class PendingConsentSends {

    /** How long a change whose outcome is not known holds the same change back. */
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(10);
    /** Past this many, changes of unknown outcome held longer than {@link #UNKNOWN_FOR} are forgotten at once. */
    private static final int TIDY_ABOVE = 256;

    /** A consent change as far as sending it twice is concerned. */
    record Change(ConsentKind kind, AccessScope scope, LedgerAddress counterpart, String purpose) {

        String described() {
            return (kind == ConsentKind.GRANT ? "grant to " : "access request to ") + counterpart + " ("
                    + scope.kind().name().toLowerCase(Locale.ROOT) + ", " + purpose + ")";
        }
    }

    /** A change being sent ({@code sentAt} null until its outcome turned out unknown). */
    private record Sending(Instant startedAt, Instant sentAt, Optional<Bytes32> transaction) {
    }

    /** The holder's claim on sending {@code change}; settle it with {@link #done} or {@link #failed}. */
    static final class Ticket {
        private final Change change;
        private final Sending sending;

        private Ticket(Change change, Sending sending) {
            this.change = change;
            this.sending = sending;
        }
    }

    private final ConcurrentMap<Change, Sending> sends = new ConcurrentHashMap<>();
    private final Clock clock;

    public PendingConsentSends() {
        this(Clock.systemUTC());
    }

    PendingConsentSends(Clock clock) {
        this.clock = clock;
    }

    /**
     * Claims the sending of {@code change}.
     *
     * @throws ConsentRefusedException ({@link Failure#CONFLICT}) while the same change is being sent, or its outcome
     *                                 is unknown; also once its transaction turned out mined
     * @throws LedgerException         when the chain cannot say whether the earlier transaction was mined
     */
    Ticket begin(Change change, LedgerConnection chain) throws LedgerException {
        Instant now = clock.instant();
        Sending earlier = sends.get(change);
        if (earlier != null) {
            Instant since = earlier.sentAt() == null ? earlier.startedAt() : earlier.sentAt();
            if (!now.isBefore(since.plus(UNKNOWN_FOR))) {
                // long enough: in the list if it took effect (or a claim its holder never settled)
                sends.remove(change, earlier);
            } else if (earlier.sentAt() == null) {
                throw new ConsentRefusedException(Failure.CONFLICT, "the same " + change.described()
                        + " is being sent now; look for it in the list");
            } else {
                refuseUnknown(change, earlier, chain);
            }
        }
        Sending mine = new Sending(now, null, Optional.empty());
        if (sends.putIfAbsent(change, mine) != null) {
            // another request for the same change claimed it since the look above
            throw new ConsentRefusedException(Failure.CONFLICT, "the same " + change.described()
                    + " is being sent now; look for it in the list");
        }
        tidy(now);
        return new Ticket(change, mine);
    }

    private void refuseUnknown(Change change, Sending earlier, LedgerConnection chain) throws LedgerException {
        if (earlier.transaction().isPresent()) {
            Optional<TransactionResult> mined = chain.findTransaction(earlier.transaction().get());
            if (mined.isPresent()) {
                throw new ConsentRefusedException(Failure.CONFLICT, "the same " + change.described()
                        + " was made already: its transaction " + mined.get().transactionHash() + " was mined in"
                        + " block " + mined.get().blockNumber() + "; it shows in the list once this node has read its"
                        + " event");
            }
        }
        throw new ConsentRefusedException(Failure.CONFLICT, "the same " + change.described() + ", sent at "
                + earlier.sentAt() + earlier.transaction().map(hash -> " in transaction " + hash).orElse("")
                + ", may still take effect; if it does not show in the list, try again after "
                + earlier.sentAt().plus(UNKNOWN_FOR));
    }

    /** The change took effect, or was refused: the same change may be sent again. */
    void done(Ticket ticket) {
        sends.remove(ticket.change, ticket.sending);
    }

    /**
     * Sending failed with {@code failure}: if the change may still take effect, the same change is held back (with
     * the transaction the failure names); otherwise it may be sent again.
     */
    void failed(Ticket ticket, Throwable failure) {
        if (!SentTransactions.mayHaveTakenEffect(failure)) {
            done(ticket);
            return;
        }
        Optional<Bytes32> transaction = Optional.empty();
        for (Throwable cause = failure; cause != null && transaction.isEmpty(); cause = cause.getCause()) {
            if (cause instanceof LedgerUnavailableException unavailable) {
                transaction = unavailable.pendingTransaction();
            }
        }
        sends.replace(ticket.change, ticket.sending, new Sending(ticket.sending.startedAt(), clock.instant(),
                transaction));
    }

    private void tidy(Instant now) {
        if (sends.size() > TIDY_ABOVE) {
            sends.values().removeIf(sending -> sending.sentAt() != null
                    && !now.isBefore(sending.sentAt().plus(UNKNOWN_FOR)));
        }
    }
}
