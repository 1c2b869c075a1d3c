package org.custodia.sharing;

import jakarta.inject.Inject;

import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/**
 * An outbox command that looks at one consent entry (subject e.g. {@code grant:17}) through {@link ConsentSync}. The
 * kinds differ only in who queues them, so that their rows never meet: a staff member's change, a chain event, an
 * expiry.
 */
abstract class ConsentLookCommand implements CommandHandler {

    @Inject
    private ConsentSync sync;

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        return sync.sync(command.subject());
    }

    @Override
    public void completed(String subject, CommandOutcome.Done done) {
        // the consent index and the re-key commands a look queues hold its effect
    }
}
