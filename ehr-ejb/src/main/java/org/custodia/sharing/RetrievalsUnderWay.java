package org.custodia.sharing;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The retrievals of shared records under way on this node, at most one per record: a second request for a record
 * being retrieved (a double click, two colleagues at once) waits for the first and then finds the record kept,
 * instead of fetching it through the proxy again and failing to keep it a second time.
 */
@ApplicationScoped
public class RetrievalsUnderWay {

    private final ConcurrentHashMap<String, CountDownLatch> underWay = new ConcurrentHashMap<>();

    /**
     * Runs {@code retrieval} of {@code recordId} once no other retrieval of it is under way on this node.
     *
     * @throws RetrievalUnderWayException if another retrieval of the record is still under way after {@code patience}
     */
    public <T> T oneAtATime(String recordId, Duration patience, Supplier<T> retrieval) {
        CountDownLatch mine = new CountDownLatch(1);
        long deadline = System.nanoTime() + patience.toNanos();
        for (CountDownLatch other = underWay.putIfAbsent(recordId, mine); other != null;
                other = underWay.putIfAbsent(recordId, mine)) {
            awaitEnd(other, deadline, recordId);
        }
        try {
            return retrieval.get();
        } finally {
            underWay.remove(recordId, mine);
            mine.countDown();
        }
    }

    private static void awaitEnd(CountDownLatch other, long deadline, String recordId) {
        try {
            if (!other.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new RetrievalUnderWayException(recordId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetrievalUnderWayException(recordId);
        }
    }
}
