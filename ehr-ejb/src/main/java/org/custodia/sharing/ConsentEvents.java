package org.custodia.sharing;

import java.time.Clock;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.journal.JournaledEventReaction;
import org.custodia.outbox.Outbox;

/**
 * Turns the consent registry's events into looks at the entries they concern, and the consortium's membership
 * changes into reconciliations of the re-keys they affect (all of them for a new proxy, or for this node admitted
 * again), queued in the journal's transaction (so an event is acted
 * on exactly when it is journaled), on hospital nodes. The look and the reconciliation ask the chain, outside any
 * transaction.
 */
@ApplicationScoped
public class ConsentEvents implements JournaledEventReaction {

    @EJB
    private Outbox outbox;

    @EJB
    private ConsentRefs refs;

    @Inject
    private NodeSettings settings;

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    private final Clock clock = Clock.systemUTC();

    @Override
    public void onNewEvent(LedgerEvent event) {
        if (settings.role() != NodeRole.HOSPITAL) {
            return;
        }
        String subject = null;
        if (event instanceof LedgerEvent.AccessRequested requested) {
            subject = ConsentKind.REQUEST.subject(requested.requestId());
        } else if (event instanceof LedgerEvent.AccessRequestApproved approved) {
            subject = ConsentKind.REQUEST.subject(approved.requestId());
        } else if (event instanceof LedgerEvent.AccessRequestDenied denied) {
            subject = ConsentKind.REQUEST.subject(denied.requestId());
        } else if (event instanceof LedgerEvent.ConsentGranted granted) {
            subject = ConsentKind.GRANT.subject(granted.grantId());
        } else if (event instanceof LedgerEvent.ConsentRevoked revoked) {
            subject = ConsentKind.GRANT.subject(revoked.grantId());
        } else if (event instanceof LedgerEvent.EmergencyAccessDeclared declared) {
            subject = ConsentKind.EMERGENCY.subject(declared.emergencyId());
        } else if (event instanceof LedgerEvent.EmergencyAccessReviewed reviewed) {
            subject = ConsentKind.EMERGENCY.subject(reviewed.emergencyId());
        }
        if (subject != null) {
            outbox.enqueue(ConsentEventCommand.KIND, subject);
        } else if (event instanceof LedgerEvent.MemberAdded added) {
            // a new proxy, or this node admitted again after a removal (each proxy deleted this node's re-keys then):
            // every live pair
            reconcileReKeys(added.role() == MemberRole.PROXY || isThisNode(added.account()) ? null : added.account());
        } else if (event instanceof LedgerEvent.MemberUpdated updated) {
            reconcileReKeys(updated.account());
        } else if (event instanceof LedgerEvent.MemberRemoved removed) {
            reconcileReKeys(removed.account());
        }
    }

    /** Whether {@code account} is the one this node signs with: the connector's own key, not a call to the chain. */
    private boolean isThisNode(LedgerAddress account) {
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.account().equals(account);
        } catch (LedgerException e) {
            // the event is not journaled, so it is delivered again
            throw new IllegalStateException("cannot tell whether the member added, " + account + ", is this node: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Queues the reconciliation of every pair whose re-keys depend on {@code member} (all of them for a new proxy):
     * a hospital that published its first or a new PRE key gets re-keys made for it, one removed has them
     * withdrawn, and a new proxy gets the re-keys of every entry still live.
     */
    private void reconcileReKeys(LedgerAddress member) {
        for (ConsentRefs.CoveredPair pair : refs.coveredPairs(member == null ? null : member.toString(),
                clock.instant())) {
            outbox.enqueue(ReKeyCommand.KIND, ReKeyCommand.subject(pair.patientPseudonym(), pair.hospital()));
        }
    }
}
