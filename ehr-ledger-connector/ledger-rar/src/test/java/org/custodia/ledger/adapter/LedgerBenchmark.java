package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.custodia.ledger.adapter.ConnectorFixture.PROXY;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.custodia.ledger.adapter.inbound.EventFilter;
import org.custodia.ledger.adapter.inbound.EventSubscription;
import org.custodia.ledger.adapter.inbound.FileCheckpointStore;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger benchmark on anvil (free gas): send-to-receipt latency of single anchors, sustained throughput with
 * concurrent senders of anchors (one hospital's account) and of access logs (the proxy's account, each sender waiting
 * for its log as a retrieval does): items per second, and the transactions and blocks they took (concurrent items
 * share transactions), and event delivery latency from the transaction's receipt to the listener; with instant
 * mining, then with a block every 2 s as a QBFT network would mine. Reports figures, asserts nothing about them.
 * Not part of the default build; run it with
 * {@code ./mvnw -B -pl ehr-ledger-connector/ledger-rar test -Dtest=LedgerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LedgerBenchmark {

    private static final int WARM_UP = 200;
    private static final int LATENCY_SAMPLES = 500;
    private static final int THROUGHPUT_SECONDS = 10;
    private static final int EVENT_SAMPLES = 200;
    private static final int SLOW_BLOCK_SECONDS = 2;

    @TempDir
    Path work;

    @Test
    void measure() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            LedgerResourceAdapter proxy = null;
            try {
                proxy = fixture.adapter(PROXY);
                LedgerConnectionFactory factory = ConnectorFixture.connectionFactory(adapter);
                LedgerConnectionFactory proxyFactory = ConnectorFixture.connectionFactory(proxy);
                Bytes32 patient = ConcurrentTransactionsTest.random32();
                for (int i = 0; i < WARM_UP; i++) {
                    anchorOne(factory, patient);
                }
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < LATENCY_SAMPLES; i++) {
                    long start = System.nanoTime();
                    anchorOne(factory, patient);
                    latencies.add(System.nanoTime() - start);
                }
                report("send-to-receipt latency, 1 sender, " + LATENCY_SAMPLES + " anchors", latencies);
                for (int senders : new int[] {1, 4, 16, 32, 64}) {
                    throughput(fixture, anchors(factory, patient), senders, "instant mining");
                }
                eventLatency(adapter, factory, patient);
                for (int senders : new int[] {1, 4, 16, 32, 64}) {
                    throughput(fixture, accessLogs(fixture, factory, proxyFactory, patient), senders,
                            "instant mining");
                }
            } finally {
                stopBoth(proxy, adapter);
            }
        }
    }

    @Test
    void measureWithSlowBlocks() throws Exception {
        try (AnvilNode anvil = AnvilNode.startWith("--block-time",
                Integer.toString(SLOW_BLOCK_SECONDS)); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            LedgerResourceAdapter proxy = null;
            try {
                proxy = fixture.adapter(PROXY);
                LedgerConnectionFactory factory = ConnectorFixture.connectionFactory(adapter);
                LedgerConnectionFactory proxyFactory = ConnectorFixture.connectionFactory(proxy);
                Bytes32 patient = ConcurrentTransactionsTest.random32();
                String mining = "a block every " + SLOW_BLOCK_SECONDS + " s";
                for (int senders : new int[] {1, 32, 256}) {
                    throughput(fixture, anchors(factory, patient), senders, mining);
                }
                for (int senders : new int[] {1, 32}) {
                    throughput(fixture, accessLogs(fixture, factory, proxyFactory, patient), senders, mining);
                }
            } finally {
                stopBoth(proxy, adapter);
            }
        }
    }

    /** Stops the proxy's adapter, if it started, and the hospital's, even when the first stop fails. */
    private static void stopBoth(LedgerResourceAdapter proxy, LedgerResourceAdapter adapter) {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } finally {
            adapter.stop();
        }
    }

    private static void anchorOne(LedgerConnectionFactory factory, Bytes32 patient) throws Exception {
        try (LedgerConnection connection = factory.getConnection()) {
            connection.anchorRecord(RecordAnchor.original(ConcurrentTransactionsTest.random32(), patient,
                    ConcurrentTransactionsTest.random32(), new Category("laboratory"), "text/plain"));
        }
    }

    /** What the senders put on chain, from which account. */
    private record Workload(String items, int account, Sending send) {
    }

    @FunctionalInterface
    private interface Sending {
        void one() throws Exception;
    }

    private static Workload anchors(LedgerConnectionFactory factory, Bytes32 patient) {
        return new Workload("anchors", HOSPITAL_A, () -> anchorOne(factory, patient));
    }

    /** The proxy logging accesses to one record of hospital A's (hospital A itself as the accessor). */
    private static Workload accessLogs(ConnectorFixture fixture, LedgerConnectionFactory factory,
            LedgerConnectionFactory proxy, Bytes32 patient) throws Exception {
        RecordAnchor record = RecordAnchor.original(ConcurrentTransactionsTest.random32(), patient,
                ConcurrentTransactionsTest.random32(), new Category("laboratory"), "text/plain");
        try (LedgerConnection connection = factory.getConnection()) {
            connection.anchorRecord(record);
        }
        return new Workload("access logs", PROXY, () -> {
            try (LedgerConnection connection = proxy.getConnection()) {
                connection.logAccess(record.recordId(), fixture.address(HOSPITAL_A));
            }
        });
    }

    private static void throughput(ConnectorFixture fixture, Workload workload, int senders, String mining)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        BigInteger nonceBefore = ConcurrentTransactionsTest.nonceOf(fixture, workload.account());
        BigInteger blockBefore = blockNumber(fixture);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(THROUGHPUT_SECONDS);
        List<Future<List<Long>>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < senders; i++) {
            runs.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    workload.send().one();
                    latencies.add(System.nanoTime() - sent);
                }
                return latencies;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<List<Long>> run : runs) {
            latencies.addAll(run.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        BigInteger transactions = ConcurrentTransactionsTest.nonceOf(fixture, workload.account()).subtract(nonceBefore);
        BigInteger blocks = blockNumber(fixture).subtract(blockBefore);
        report(String.format("throughput, %s, %d concurrent senders, one account: %d %s in %.1f s = %.0f"
                + " %s/s in %s transactions (%.1f tx/s) and %s blocks; latency per item", mining, senders,
                latencies.size(), workload.items(), seconds, latencies.size() / seconds, workload.items(),
                transactions, transactions.doubleValue() / seconds, blocks), latencies);
    }

    private static BigInteger blockNumber(ConnectorFixture fixture) throws Exception {
        return fixture.contracts().chain().web3j().ethBlockNumber().send().getBlockNumber();
    }

    private void eventLatency(LedgerResourceAdapter adapter, LedgerConnectionFactory factory, Bytes32 patient)
            throws Exception {
        Map<Bytes32, Long> arrivals = new ConcurrentHashMap<>();
        MessageEndpointFactory endpoints = (MessageEndpointFactory) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MessageEndpointFactory.class}, (f, m, a) ->
                        m.getName().startsWith("createEndpoint") ? java.lang.reflect.Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {MessageEndpoint.class, LedgerEventListener.class}, (e, em, ea) -> {
                                    if (em.getName().equals("onLedgerEvent")
                                            && ea[0] instanceof LedgerEvent.RecordAnchored anchored) {
                                        arrivals.put(anchored.anchor().recordId(), System.nanoTime());
                                    }
                                    return null;
                                }) : null);
        long head;
        try (LedgerConnection connection = factory.getConnection()) {
            head = connection.chainStatus().latestBlock();
        }
        EventSubscription subscription = new EventSubscription(adapter.node(), endpoints,
                new EventFilter(Set.of(EventFilter.Contract.RECORD), Set.of("RecordAnchored"), head + 1,
                        Duration.ofMillis(10), 0, 1000),
                new FileCheckpointStore(work.resolve("checkpoints")).forName("benchmark"));
        new Thread(subscription, "benchmark-events").start();
        List<Long> latencies = new ArrayList<>();
        try (LedgerConnection connection = factory.getConnection()) {
            for (int i = 0; i < EVENT_SAMPLES; i++) {
                RecordAnchor anchor = RecordAnchor.original(ConcurrentTransactionsTest.random32(), patient,
                        ConcurrentTransactionsTest.random32(), new Category("laboratory"), "text/plain");
                connection.anchorRecord(anchor);
                long mined = System.nanoTime();
                while (!arrivals.containsKey(anchor.recordId())) {
                    Thread.onSpinWait();
                }
                latencies.add(arrivals.get(anchor.recordId()) - mined);
            }
        }
        subscription.stop();
        report("event delivery latency, receipt to listener (10 ms polling), " + EVENT_SAMPLES + " events",
                latencies);
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("BENCHMARK %s: p50 %.2f ms, p95 %.2f ms, max %.2f ms%n", what,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.95)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }
}
