package org.custodia.sharing;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.custodia.kernel.Bulkhead;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the retrievals of shared records running at once on this node. Each holds a request thread while the chain
 * and the proxies answer (a proxy may take 10 s to connect and 60 s to answer, and the next is tried after it), and
 * while it waits for another retrieval of the same record; the node serves HTTP with 16 threads (its domain's
 * {@code http-thread-pool}), so without a bound slow proxies could take every thread the node serves its staff with.
 * One more retrieval is refused at once ({@link RetrievalsBusyException}), before anything is fetched: waiting for a
 * slot would hold a thread too. A limit below 1 stops the application's start.
 */
@ApplicationScoped
public class RetrievalSlots {

    static final String MAX_CONCURRENT_RETRIEVALS = "custodia.sharing.max-concurrent-retrievals";
    /** What a refused retrieval is told to wait before it tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private Bulkhead slots;

    protected RetrievalSlots() {
        // for CDI proxies
    }

    @Inject
    public RetrievalSlots(@ConfigProperty(name = MAX_CONCURRENT_RETRIEVALS) int limit) {
        this.slots = new Bulkhead(MAX_CONCURRENT_RETRIEVALS, limit,
                () -> new RetrievalsBusyException(limit, RETRY_AFTER));
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so checks its limit, as the application starts
    }

    /**
     * Runs {@code retrieval} in a slot, given back when it ends however it ends.
     *
     * @throws RetrievalsBusyException if every slot is taken
     */
    public <T> T inSlot(Supplier<T> retrieval) {
        return slots.run(retrieval);
    }
}
