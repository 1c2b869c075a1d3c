package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;

/** Outbox command: a look at a consent entry this node just changed (subject e.g. {@code grant:17}). */
@ApplicationScoped
public class ConsentSyncCommand extends ConsentLookCommand {

    public static final String KIND = "sharing.consent";

    @Override
    public String kind() {
        return KIND;
    }
}
