package org.custodia.filestore;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's envelope store, at {@code custodia.filestore.dir} with {@code custodia.filestore.min-free-mb}, at most
 * {@value #MAX_CONCURRENT_WRITES} writes at once (one more waits up to {@value #WRITE_WAIT}), the age
 * ({@value #ORPHAN_AGE}) past which an envelope no record refers to is set aside at start-up, and how many such
 * envelopes that sweep sets aside at most ({@value #ORPHAN_SWEEP_LIMIT}). Read when the application starts, in its own
 * context, like {@link NodeSettings}; a write limit out of range stops the start. Owns the threads that copy and hash
 * behind uploads (two per write in progress at most) and hash behind downloads (up to {@value #READ_HASHING_THREADS}),
 * from the container's thread factory, ended when the application stops.
 */
@ApplicationScoped
public class NodeFileStore {

    static final String MAX_CONCURRENT_WRITES = "custodia.filestore.max-concurrent-writes";
    static final String WRITE_WAIT = "custodia.filestore.write-wait-seconds";
    static final String ORPHAN_AGE = "custodia.filestore.orphan-age";
    static final String ORPHAN_SWEEP_LIMIT = "custodia.filestore.orphan-sweep-limit";

    /** The most reads hashed behind their reader at once; further reads hash on their own thread. */
    static final int READ_HASHING_THREADS = 8;

    /** Below this an upload that is committing its record could lose its envelope to the sweep. */
    static final Duration MINIMUM_ORPHAN_AGE = Duration.ofHours(1);

    private EnvelopeStore store;
    private ThreadPoolExecutor writers;
    private ThreadPoolExecutor hashers;
    private Duration orphanAge;
    private int orphanSweepLimit;

    protected NodeFileStore() {
        // for CDI proxies
    }

    @Inject
    public NodeFileStore(NodeSettings settings,
                         @ConfigProperty(name = MAX_CONCURRENT_WRITES) int maxConcurrentWrites,
                         @ConfigProperty(name = WRITE_WAIT) long writeWaitSeconds,
                         @ConfigProperty(name = ORPHAN_AGE) Duration orphanAge,
                         @ConfigProperty(name = ORPHAN_SWEEP_LIMIT) int orphanSweepLimit,
                         ThreadFactory threads) {
        // two tasks per write (copying, hashing); the store refuses a limit under 1 in its own words
        int writeThreads = (int) Math.min(Integer.MAX_VALUE, 2L * Math.max(1, maxConcurrentWrites));
        this.writers = new ThreadPoolExecutor(writeThreads, writeThreads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), threads);
        this.writers.allowCoreThreadTimeOut(true);
        // a read takes a hashing thread only if one is free at once: otherwise it hashes on its own thread
        this.hashers = new ThreadPoolExecutor(0, READ_HASHING_THREADS, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
                threads);
        this.store = new EnvelopeStore(settings.fileStoreDirectory(),
                settings.fileStoreMinimumFreeMegabytes() * 1024 * 1024, maxConcurrentWrites,
                Duration.ofSeconds(writeWaitSeconds), writers, hashers);
        this.orphanAge = orphanAge;
        this.orphanSweepLimit = orphanSweepLimit;
    }

    void readAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the start event creates this bean, and so reads the configuration, in the application's context
    }

    @PreDestroy
    void stopWriters() {
        writers.shutdown();
        hashers.shutdownNow(); // a read still hashing fails rather than keep its thread
    }

    public EnvelopeStore envelopes() {
        return store;
    }

    /**
     * How old an envelope no record refers to must be before the start-up sweep sets it aside.
     *
     * @throws DependencyUnavailableException naming the property when it is shorter than an hour
     */
    public Duration orphanAge() {
        if (orphanAge.compareTo(MINIMUM_ORPHAN_AGE) < 0) {
            throw new DependencyUnavailableException(ORPHAN_AGE + " must be at least " + MINIMUM_ORPHAN_AGE
                    + " (an upload may be committing its record), not " + orphanAge);
        }
        return orphanAge;
    }

    /**
     * How many old envelopes no record refers to the start-up sweep may set aside; finding more, it moves none.
     *
     * @throws DependencyUnavailableException naming the property when it is negative
     */
    public int orphanSweepLimit() {
        if (orphanSweepLimit < 0) {
            throw new DependencyUnavailableException(ORPHAN_SWEEP_LIMIT + " must not be negative, not "
                    + orphanSweepLimit);
        }
        return orphanSweepLimit;
    }
}
