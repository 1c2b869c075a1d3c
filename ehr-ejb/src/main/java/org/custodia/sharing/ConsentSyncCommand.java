package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/** Outbox command: bring this node in line with a consent entry that just changed (subject e.g. {@code grant:17}). */
@ApplicationScoped
public class ConsentSyncCommand implements CommandHandler {

    public static final String KIND = "sharing.consent";

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
        // the proxies and the consent index hold the effect
    }
}
