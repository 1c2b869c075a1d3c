package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/**
 * Outbox command due when a grant or emergency access expires: the same look as {@link ConsentSyncCommand}, which
 * then withdraws the re-key unless another live entry still covers the patient and hospital.
 */
@ApplicationScoped
public class ConsentExpiryCommand implements CommandHandler {

    public static final String KIND = "sharing.consent-expiry";

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
