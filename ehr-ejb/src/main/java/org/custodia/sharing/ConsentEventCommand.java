package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/**
 * Outbox command queued by a consent event from the chain: the same look as {@link ConsentSyncCommand}, under a
 * kind of its own so that the event's transaction and a staff member's change never queue the same row.
 */
@ApplicationScoped
public class ConsentEventCommand implements CommandHandler {

    public static final String KIND = "sharing.consent-event";

    @Inject
    private ConsentSync sync;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        return sync.sync(command.subject());
    }

    @Override
    public void completed(String subject, CommandOutcome.Done done) {
        // the consent index and the re-key commands it queued hold the effect
    }
}
