package org.custodia.ledger.journal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.custodia.access.Audited;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerEvent;

/** Keeps each contract event once, keyed by its chain position, and lists what it kept. */
@Stateless
public class ChainEventJournal {

    private static final Logger LOG = Logger.getLogger(ChainEventJournal.class.getName());

    /** The most events one list answers. */
    public static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    private final Clock clock;

    @Inject
    private Instance<JournaledEventReaction> reactions;

    public ChainEventJournal() {
        this.clock = Clock.systemUTC();
    }

    /** Outside a container: journals through {@code em} (the caller runs the transactions). */
    ChainEventJournal(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Journals {@code event}; an event already journaled at its position in the same block (a redelivery after an
     * abrupt stop) is only counted. One journaled at its position in another block belongs to a chain that was
     * replaced from that block on (a development chain reverted or started anew, a delivery restarted from an earlier
     * block): the journal forgets what it holds from that block on and journals the event as new. Returns whether it
     * was new.
     */
    public boolean record(LedgerEvent event) {
        EventPosition position = event.position();
        ChainEventKey key = new ChainEventKey(position.blockNumber(), position.logIndex());
        ChainEvent known = em.find(ChainEvent.class, key);
        if (known != null && known.blockHash().equals(position.blockHash().toString())) {
            known.redelivered();
            return false;
        }
        if (known != null) {
            em.detach(known);
            int forgotten = em.createQuery("delete from ChainEvent e where e.key.blockNumber >= :block")
                    .setParameter("block", position.blockNumber())
                    .executeUpdate();
            LOG.warning(() -> "Block " + position.blockNumber() + " on chain is " + position.blockHash()
                    + ", not the block " + known.blockHash() + " whose events were journaled: the chain was replaced "
                    + "from there on, and the " + forgotten + " journaled events of the replaced blocks are forgotten");
            if (reactions != null) {
                reactions.forEach(reaction -> reaction.onBlocksReplaced(position.blockNumber()));
            }
        }
        ChainEventDescription description = ChainEventDescription.of(event);
        em.persist(new ChainEvent(key, position.blockHash().toString(), position.transactionHash().toString(),
                position.contract().toString(), event.name(), description.actor(), description.counterpart(),
                description.subject(), clock.instant()));
        if (reactions != null) {
            reactions.forEach(reaction -> reaction.onNewEvent(event));
        }
        return true;
    }

    /** The earliest journaled event that {@code query} describes. Accounts are compared in any letter case. */
    public Optional<JournaledEvent> find(EventQuery query) {
        StringBuilder jpql = new StringBuilder("select e from ChainEvent e where e.name = :name and e.subject = "
                + ":subject");
        if (query.transaction() != null) {
            jpql.append(" and e.transactionHash = :transaction");
        }
        if (query.actor() != null) {
            jpql.append(" and lower(e.actor) = :actor");
        }
        if (query.counterpart() != null) {
            jpql.append(" and (e.counterpart is null or lower(e.counterpart) = :counterpart)");
        }
        TypedQuery<ChainEvent> select = em.createQuery(jpql.append(" order by e.key.blockNumber, e.key.logIndex")
                .toString(), ChainEvent.class).setParameter("name", query.name()).setParameter("subject",
                query.subject());
        if (query.transaction() != null) {
            select.setParameter("transaction", query.transaction().toLowerCase(Locale.ROOT));
        }
        if (query.actor() != null) {
            select.setParameter("actor", query.actor().toLowerCase(Locale.ROOT));
        }
        if (query.counterpart() != null) {
            select.setParameter("counterpart", query.counterpart().toLowerCase(Locale.ROOT));
        }
        return select.setMaxResults(1).getResultList().stream().findFirst().map(ChainEvent::toJournaled);
    }

    /**
     * The newest events first, at most {@code limit}; for privacy officers and administrators.
     *
     * @throws InvalidInputException if {@code limit} is not 1 to {@value #MAX_PAGE}
     */
    @Audited(AuditedAction.CHAIN_EVENTS_READ)
    public List<JournaledEvent> latest(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit must be 1 to " + MAX_PAGE);
        }
        return em.createQuery("select e from ChainEvent e order by e.key.blockNumber desc, e.key.logIndex desc",
                        ChainEvent.class).setMaxResults(limit).getResultList()
                .stream().map(ChainEvent::toJournaled).toList();
    }
}
