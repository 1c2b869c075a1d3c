package org.custodia.sharing;

import java.time.Duration;

import org.custodia.kernel.BusyException;

/** This node already runs as many retrievals of shared records as it allows; nothing was fetched or kept. */
public class RetrievalsBusyException extends BusyException {

    private static final long serialVersionUID = 1L;

    RetrievalsBusyException(int limit, Duration retryAfter) {
        super("this hospital already retrieves " + limit + " shared records at once ("
                + RetrievalSlots.MAX_CONCURRENT_RETRIEVALS + "); nothing was fetched: try again in "
                + retryAfter.toSeconds() + " s", retryAfter, null);
    }
}
