package org.custodia.sharing;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.journal.JournaledEventReaction;
import org.custodia.outbox.Outbox;

/**
 * Turns the consent registry's events into looks at the entries they concern, queued in the journal's transaction
 * (so an event is acted on exactly when it is journaled), on hospital nodes. The look itself asks the chain,
 * outside any transaction.
 */
@ApplicationScoped
public class ConsentEvents implements JournaledEventReaction {

    @EJB
    private Outbox outbox;

    @Inject
    private NodeSettings settings;

    @Override
    public void onNewEvent(LedgerEvent event) {
        if (settings.role() != NodeRole.HOSPITAL) {
            return;
        }
        String subject = null;
        if (event instanceof LedgerEvent.AccessRequested requested) {
            subject = ConsentKind.REQUEST.subject(requested.requestId());
        } else if (event instanceof LedgerEvent.ConsentGranted granted) {
            subject = ConsentKind.GRANT.subject(granted.grantId());
        } else if (event instanceof LedgerEvent.ConsentRevoked revoked) {
            subject = ConsentKind.GRANT.subject(revoked.grantId());
        } else if (event instanceof LedgerEvent.EmergencyAccessDeclared declared) {
            subject = ConsentKind.EMERGENCY.subject(declared.emergencyId());
        }
        if (subject != null) {
            outbox.enqueue(ConsentEventCommand.KIND, subject);
        }
    }
}
