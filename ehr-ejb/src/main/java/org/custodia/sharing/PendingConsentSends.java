package org.custodia.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.ledger.SentTransactions;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionState;

/**
 * The grants and access requests this node is sending, and those whose outcome is not known yet (a transaction the
 * chain did not confirm in time, which may still be mined). The consent registry takes the same grant or request
 * twice, and one shows in the lists only once mined and its event read: staff who try again before would make a
 * second one, and revoking one would leave the other in force. So the same change (kind, scope, counterpart and
 * purpose; a grant's expiry does not count, a form computes it anew) is refused as a conflict while it is being sent,
 * while its transaction waits in the chain node's pool, however long, and for {@link #UNKNOWN_FOR} after its outcome
 * turned out unknown when the transaction is mined (until its event shows it in the lists) or unknown to the node
 * (which may be handed it again). One the contract refused when mined holds nothing back.
 *
 * <p>Held in memory, which orders concurrent requests for the same change, and in the database
 * ({@link ConsentSendJournal}): a change's row is committed before it is sent, and changed or deleted, for that claim
 * only, before its entry in memory. The database is read only for a change memory does not hold, and what it says is
 * taken as an earlier run's: so a restart forgets no change whose outcome turned out unknown. A change this node was
 * sending when it stopped counts as unconfirmed since it began, without its transaction (the chain connector learns
 * that as it sends), so it is held back for {@link #UNKNOWN_FOR} only, even if its transaction waits in the pool
 * longer. A row of this run read as an earlier run's (one whose settling raced with the read, or whose deletion
 * failed) holds the change back for at most {@link #UNKNOWN_FOR}; none makes the same change go out twice.
 */
@ApplicationScoped
public class PendingConsentSends {

    private static final Logger LOG = Logger.getLogger(PendingConsentSends.class.getName());

    /** How long a change whose outcome was unknown holds the same change back, unless its transaction is pending. */
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(10);
    /** Past this many changes held, those older than a few times {@link #UNKNOWN_FOR} are forgotten. */
    private static final int TIDY_ABOVE = 256;
    /** How often a change sent also deletes the journal's rows past {@link ConsentSendJournal#KEPT_FOR}. */
    static final Duration JOURNAL_TIDIED_EVERY = Duration.ofHours(1);

    /** A consent change as far as sending it twice is concerned. */
    record Change(ConsentKind kind, AccessScope scope, LedgerAddress counterpart, String purpose) {

        String described() {
            String what = scope.recordId().map(id -> "record " + id)
                    .or(() -> scope.category().map(category -> "category " + category.code()))
                    .orElse("all records");
            return (kind == ConsentKind.GRANT ? "grant to " : "access request to ") + counterpart + " (" + what
                    + ", " + purpose + ")";
        }

        /** The SHA-256 of what makes the change, in hex: its name in the database. */
        String digest() {
            String described = String.join("\n", kind.name(), scope.kind().name(), scope.patientPseudonym().toString(),
                    scope.recordId().map(Bytes32::toString).orElse(""),
                    scope.category().map(Category::code).orElse(""), counterpart.toString(), purpose);
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(described.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK provides no SHA-256", e);
            }
        }
    }

    /**
     * A change being sent, or sent without learning its outcome: {@code unconfirmedSince} null until its outcome
     * turned out unknown, {@code transaction} the one it was sent in when the failure named it.
     */
    public record Sending(Instant startedAt, Instant unconfirmedSince, Optional<Bytes32> transaction) {

        Instant since() {
            return unconfirmedSince == null ? startedAt : unconfirmedSince;
        }

        /** As this run holds a change an earlier run noted: one it was sending when it stopped is unconfirmed. */
        Sending ofEarlierRun() {
            return unconfirmedSince != null ? this : new Sending(startedAt, startedAt, transaction);
        }
    }

    /** Sends a change to the chain. */
    @FunctionalInterface
    interface Send<T> {
        T send() throws LedgerException;
    }

    /** A claim on sending a change, settled by {@link #done} or {@link #failed}. */
    private record Ticket(Change change, Sending sending) {
    }

    private final ConcurrentMap<Change, Sending> sends = new ConcurrentHashMap<>();
    private final Clock clock;
    /** When the journal's old rows were last deleted by this run; null before the first time. */
    private volatile Instant journalTidiedAt;

    @EJB
    private ConsentSendJournal journal;

    public PendingConsentSends() {
        this.clock = Clock.systemUTC();
    }

    PendingConsentSends(Clock clock, ConsentSendJournal journal) {
        this.clock = clock;
        this.journal = journal;
    }

    /**
     * Sends {@code change} with {@code send}, unless the same change is being sent or may still take effect.
     *
     * @throws ConsentRefusedException ({@link Failure#CONFLICT}) when it is held back; nothing is sent
     * @throws LedgerException         as {@code send} throws it
     */
    <T> T sendOnce(Change change, LedgerConnection chain, Send<T> send) throws LedgerException {
        Ticket ticket = begin(change, chain);
        T sent;
        try {
            sent = send.send();
        } catch (LedgerException | RuntimeException | Error e) {
            failed(ticket, e);
            throw e;
        }
        done(ticket);
        return sent;
    }

    private Ticket begin(Change change, LedgerConnection chain) {
        Instant now = clock.instant();
        Sending earlier = sends.get(change);
        if (earlier == null) {
            earlier = fromJournal(change);
        }
        if (earlier != null) {
            if (earlier.unconfirmedSince() == null && now.isBefore(earlier.startedAt().plus(UNKNOWN_FOR))) {
                throw beingSent(change);
            }
            if (earlier.unconfirmedSince() != null) {
                Optional<TransactionState> state = earlier.transaction().map(hash -> state(hash, chain));
                if (holdsBack(state, now.isBefore(earlier.unconfirmedSince().plus(UNKNOWN_FOR)))) {
                    throw new ConsentRefusedException(Failure.CONFLICT, refusal(change, earlier, state));
                }
            }
            // settled by now (or a claim its holder never settled)
            sends.remove(change, earlier);
        }
        Sending mine = new Sending(now, null, Optional.empty());
        if (sends.putIfAbsent(change, mine) != null) {
            // another request for the same change claimed it since the look above
            throw beingSent(change);
        }
        try {
            journal.claim(change.digest(), now);
        } catch (RuntimeException e) {
            sends.remove(change, mine);
            throw notNoted(change, e);
        }
        tidy(now);
        return new Ticket(change, mine);
    }

    /** What an earlier run of this node noted of {@code change} and did not settle, as held now; null when nothing. */
    private Sending fromJournal(Change change) {
        Optional<Sending> noted;
        try {
            noted = journal.find(change.digest());
        } catch (RuntimeException e) {
            throw notNoted(change, e);
        }
        if (noted.isEmpty()) {
            return null;
        }
        Sending held = noted.get().ofEarlierRun();
        Sending claimedMeanwhile = sends.putIfAbsent(change, held);
        return claimedMeanwhile != null ? claimedMeanwhile : held;
    }

    private static DependencyUnavailableException notNoted(Change change, RuntimeException failure) {
        return new DependencyUnavailableException("the node's database could not hold the " + change.described()
                + " back while it is sent, so it was not sent: " + failure, "the node cannot save the change now:"
                + " nothing was changed; try again later", failure);
    }

    /** The change took effect, or was refused: the same change may be sent again. */
    private void done(Ticket ticket) {
        try {
            journal.settled(ticket.change().digest(), ticket.sending().startedAt());
        } catch (RuntimeException e) {
            // what was sent stands; the row left holds the same change back as one whose outcome is unknown
            LOG.warning(() -> "Could not note in the database that the " + ticket.change().described()
                    + " was sent: " + e);
        }
        sends.remove(ticket.change(), ticket.sending());
    }

    /**
     * Sending failed with {@code failure}: if the change may still take effect, the same change is held back (with
     * the transaction the failure names); otherwise it may be sent again.
     */
    private void failed(Ticket ticket, Throwable failure) {
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
        Sending unconfirmed = new Sending(ticket.sending().startedAt(), clock.instant(), transaction);
        try {
            journal.unconfirmed(ticket.change().digest(), unconfirmed);
        } catch (RuntimeException e) {
            // the row left says it is being sent, which a restart takes as unconfirmed since it began
            LOG.warning(() -> "Could not note in the database that the outcome of the " + ticket.change().described()
                    + " is unknown: " + e);
        }
        sends.replace(ticket.change(), ticket.sending(), unconfirmed);
    }

    /** Whether a change whose outcome was unknown holds the same change back, given its transaction's state. */
    private static boolean holdsBack(Optional<TransactionState> state, boolean recent) {
        return state.map(known -> switch (known) {
            case PENDING -> true;
            case REVERTED -> false;
            case MINED, UNKNOWN -> recent;
        }).orElse(recent);
    }

    private static String refusal(Change change, Sending earlier, Optional<TransactionState> state) {
        String what = "the same " + change.described();
        String retry = "; if it does not show in the list, try again after "
                + earlier.unconfirmedSince().plus(UNKNOWN_FOR);
        if (earlier.transaction().isEmpty()) {
            return what + ", unconfirmed since " + earlier.unconfirmedSince() + ", may still take effect" + retry;
        }
        Bytes32 hash = earlier.transaction().get();
        return switch (state.orElseThrow()) {
            case MINED -> what + " was made already by transaction " + hash + "; it shows in the list once this node"
                    + " has read its event";
            case PENDING -> what + " waits to be mined in transaction " + hash + " (unconfirmed since "
                    + earlier.unconfirmedSince() + "); it takes effect once the chain mines it";
            default -> what + " in transaction " + hash + ", unconfirmed since " + earlier.unconfirmedSince()
                    + ", may still take effect" + retry;
        };
    }

    /** The transaction's state; {@link TransactionState#PENDING} while the chain node cannot say. */
    private static TransactionState state(Bytes32 hash, LedgerConnection chain) {
        try {
            return chain.transactionState(hash);
        } catch (LedgerException | RuntimeException cannotSay) {
            return TransactionState.PENDING;
        }
    }

    private static ConsentRefusedException beingSent(Change change) {
        return new ConsentRefusedException(Failure.CONFLICT, "the same " + change.described()
                + " is being sent now; look for it in the list");
    }

    private void tidy(Instant now) {
        if (sends.size() > TIDY_ABOVE) {
            sends.values().removeIf(sending -> !now.isBefore(sending.since().plus(UNKNOWN_FOR.multipliedBy(6))));
        }
        Instant last = journalTidiedAt;
        if (last != null && now.isBefore(last.plus(JOURNAL_TIDIED_EVERY))) {
            return;
        }
        journalTidiedAt = now;
        try {
            journal.forgetOld(now);
        } catch (RuntimeException e) {
            // housekeeping: the next change sent tries again
            journalTidiedAt = last;
            LOG.warning(() -> "Could not delete the week-old rows of the consent changes held back: " + e);
        }
    }
}
