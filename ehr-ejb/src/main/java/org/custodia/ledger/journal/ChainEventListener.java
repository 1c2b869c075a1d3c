package org.custodia.ledger.journal;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;

/**
 * Receives every access-contract event from the ledger resource adapter embedded in this application and
 * journals it. The adapter resumes from this bean's checkpoint after a restart; the journal's position key
 * absorbs the one redelivery an abrupt stop can cause.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "custodia#ledger-rar"),
        @ActivationConfigProperty(propertyName = "checkpointName", propertyValue = "chain-event-journal")
})
public class ChainEventListener implements LedgerEventListener {

    @EJB
    private ChainEventJournal journal;

    @Override
    public void onLedgerEvent(LedgerEvent event) {
        journal.record(event);
    }
}
