package org.custodia.ledger.journal;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.persistence.SchemaMigration;
import org.custodia.persistence.SchemaState;

/**
 * Receives every access-contract event from the ledger resource adapter embedded in this application and
 * journals it. The adapter resumes from this bean's checkpoint after a restart; the journal's position key absorbs
 * the redeliveries an abrupt stop can cause (the events delivered since the adapter's last checkpoint). The adapter
 * may deliver before the application's start-up migration has run (a new node's first start): a delivery first
 * waits for the schema, and is refused, to be delivered again, while it cannot be migrated.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "custodia#ledger-rar"),
        @ActivationConfigProperty(propertyName = "checkpointName", propertyValue = "chain-event-journal")
})
public class ChainEventListener implements LedgerEventListener {

    @EJB
    private ChainEventJournal journal;

    @EJB
    private SchemaMigration schema;

    /**
     * @throws DependencyUnavailableException if the database schema cannot be migrated now; nothing is journaled
     */
    @Override
    public void onLedgerEvent(LedgerEvent event) {
        SchemaState state = schema.ensureMigrated();
        if (!state.migrated()) {
            throw new DependencyUnavailableException("chain event not journaled yet: " + state.problem());
        }
        journal.record(event);
    }
}
