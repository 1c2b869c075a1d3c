package org.custodia.sharing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the retrievals of shared records running at once on this node. Each holds a request thread while the chain
 * and the proxies answer (a proxy may take 10 s to connect and 60 s to answer, and the next is tried after it), and
 * while it waits for another retrieval of the same record; Payara serves HTTP with 5 threads unless its
 * {@code http-thread-pool} is configured otherwise, so without a bound a slow proxy could take every thread the node
 * serves its staff with. One more retrieval waits for a slot briefly ({@value #WAIT_MILLIS} ms, as long as a few
 * retrievals take at their usual pace) and is then refused ({@link RetrievalsBusyException}) before anything is
 * fetched. A limit below 1 stops the application's start.
 */
@ApplicationScoped
public class RetrievalSlots {

    static final String MAX_CONCURRENT_RETRIEVALS = "custodia.sharing.max-concurrent-retrievals";
    /** How long one more retrieval waits for a slot. */
    static final long WAIT_MILLIS = 2000;
    /** What a refused retrieval is told to wait before it tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private int limit;
    private Semaphore slots;

    protected RetrievalSlots() {
        // for CDI proxies
    }

    @Inject
    public RetrievalSlots(@ConfigProperty(name = MAX_CONCURRENT_RETRIEVALS) int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(MAX_CONCURRENT_RETRIEVALS + " must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.slots = new Semaphore(limit, true);
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so checks its limit, as the application starts
    }

    /**
     * Runs {@code retrieval} in a slot, given back when it ends however it ends.
     *
     * @throws RetrievalsBusyException if no slot freed up within the wait (or the thread was interrupted waiting)
     */
    public <T> T inSlot(Supplier<T> retrieval) {
        try {
            if (!slots.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new RetrievalsBusyException(limit, RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetrievalsBusyException(limit, RETRY_AFTER);
        }
        try {
            return retrieval.get();
        } finally {
            slots.release();
        }
    }
}
