package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;

/** Outbox command queued by a consent event from the chain, in the journal's transaction. */
@ApplicationScoped
public class ConsentEventCommand extends ConsentLookCommand {

    public static final String KIND = "sharing.consent-event";

    @Override
    public String kind() {
        return KIND;
    }
}
