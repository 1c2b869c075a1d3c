package org.custodia.sharing;

import java.time.Duration;
import java.util.Optional;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.ForOperators;

/** This node already runs as many retrievals of shared records as it allows; nothing was fetched or kept. */
public class RetrievalsBusyException extends BusyException implements ForOperators {

    private static final long serialVersionUID = 1L;

    RetrievalsBusyException(int limit, Duration retryAfter) {
        super("this hospital already retrieves " + limit + " shared records at once ("
                + RetrievalSlots.MAX_CONCURRENT_RETRIEVALS + "); nothing was fetched: try again in "
                + retryAfter.toSeconds() + " s", retryAfter, null);
    }

    /** Staff read this without the setting the message names. */
    @Override
    public Optional<String> forStaff() {
        return Optional.of("this hospital is retrieving as many shared records as it can at once: nothing was"
                + " fetched; try again in " + retryAfter().toSeconds() + " seconds");
    }
}
