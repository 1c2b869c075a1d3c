package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;
import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;

import org.custodia.ledger.adapter.inbound.EventFilter;
import org.custodia.ledger.adapter.inbound.EventSubscription;
import org.custodia.ledger.adapter.inbound.FileCheckpointStore;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound delivery outside a container: the message endpoint factory stands in for the container's MDB machinery
 * (which only exists inside Payara); chain, contracts, subscription and checkpoint file are real.
 */
class EventDeliveryTest {

    @TempDir
    Path work;

    @Test
    void resumesAfterARestartFromTheCheckpointWithoutGapOrDuplicate() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            try {
                List<LedgerEvent> received = new CopyOnWriteArrayList<>();
                Bytes32 patient = ConcurrentTransactionsTest.random32();
                List<Bytes32> anchored = anchor(adapter, patient, 5);

                EventSubscription first = subscribe(adapter, endpoints(received, new AtomicInteger()));
                awaitCount(received, 5);
                first.stop();

                anchored.addAll(anchor(adapter, patient, 4));
                EventSubscription second = subscribe(adapter, endpoints(received, new AtomicInteger()));
                awaitCount(received, 9);
                Thread.sleep(300);
                second.stop();

                assertEquals(anchored, recordIds(received), "every anchor once, in chain order");
            } finally {
                adapter.stop();
            }
        }
    }

    @Test
    void aFailedDeliveryIsRetriedAndNotCheckpointed() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            try {
                List<LedgerEvent> received = new CopyOnWriteArrayList<>();
                List<Bytes32> anchored = anchor(adapter, ConcurrentTransactionsTest.random32(), 3);
                AtomicInteger failuresLeft = new AtomicInteger(2);
                EventSubscription subscription = subscribe(adapter, endpoints(received, failuresLeft));
                awaitCount(received, 3);
                subscription.stop();
                assertEquals(0, failuresLeft.get(), "the listener failed twice");
                assertEquals(anchored, recordIds(received));
            } finally {
                adapter.stop();
            }
        }
    }

    @Test
    void whatOneMemberRegistersOrGrantsNeverStopsDeliveryOrReadingTheConsortium() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A);
            LedgerResourceAdapter hospitalB = fixture.adapter(HOSPITAL_B);
            try {
                Bytes32 patient = ConcurrentTransactionsTest.random32();
                anchor(hospitalB, patient, 1);
                // both within the contracts' rules: an endpoint that is no URI, an expiry past any calendar
                fixture.contracts().consortium(HOSPITAL_B).updateOwnProfile("https://b y", new byte[0]).send();
                BigInteger never = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
                fixture.contracts().consent(HOSPITAL_B).grant(patient.toBytes(),
                        fixture.address(HOSPITAL_A).toString(), BigInteger.TWO, new byte[32], new byte[32],
                        "treatment", never).send();
                List<Bytes32> anchored = anchor(adapter, ConcurrentTransactionsTest.random32(), 1);

                List<LedgerEvent> received = new CopyOnWriteArrayList<>();
                EventSubscription subscription = new EventSubscription(adapter.node(),
                        endpoints(received, new AtomicInteger()), new EventFilter(Set.of(EventFilter.Contract.values()),
                                Set.of("MemberUpdated", "ConsentGranted", "RecordAnchored"), 0, Duration.ofMillis(50),
                                0, 1000), new FileCheckpointStore(work.resolve("checkpoints")).forName("all-test"));
                Thread worker = new Thread(subscription, "ledger-events-test");
                worker.start();
                awaitCount(received, 4);
                subscription.stop();

                LedgerEvent.MemberUpdated updated = only(received, LedgerEvent.MemberUpdated.class);
                assertEquals("unusable", updated.endpoint().getScheme());
                assertEquals("https://b y", updated.endpoint().getSchemeSpecificPart(), "as registered");
                LedgerEvent.ConsentGranted granted = only(received, LedgerEvent.ConsentGranted.class);
                assertEquals(Instant.parse("9999-12-31T23:59:59Z"), granted.expiresAt());
                assertEquals(anchored.get(0), ((LedgerEvent.RecordAnchored) received.get(received.size() - 1))
                        .anchor().recordId(), "delivery went on past both");
                try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
                    assertEquals("unusable", connection.findMember(fixture.address(HOSPITAL_B)).orElseThrow()
                            .endpoint().getScheme());
                    assertEquals(3, connection.members().size(), "the consortium is read whole");
                    assertEquals(Instant.parse("9999-12-31T23:59:59Z"),
                            connection.findGrant(granted.grantId()).orElseThrow().expiresAt());
                }
            } finally {
                hospitalB.stop();
                adapter.stop();
            }
        }
    }

    private static <T extends LedgerEvent> T only(List<LedgerEvent> events, Class<T> type) {
        List<T> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " in " + events);
        return found.get(0);
    }

    @Test
    void chainStatusReportsHowEachActivatedBeanKeepsUp() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); ConnectorFixture fixture = new ConnectorFixture(anvil, work)) {
            LedgerResourceAdapter adapter = fixture.adapter(HOSPITAL_A, threadPerWork());
            try {
                List<LedgerEvent> received = new CopyOnWriteArrayList<>();
                anchor(adapter, ConcurrentTransactionsTest.random32(), 2);
                LedgerActivationSpec spec = new LedgerActivationSpec();
                spec.setCheckpointName("records-status");
                spec.setContracts("RECORD");
                spec.setEventNames("RecordAnchored");
                spec.setStartBlock(0L);
                spec.setPollingIntervalMillis(50L);
                adapter.endpointActivation(endpoints(received, new AtomicInteger()), spec);
                awaitCount(received, 2);

                EventDeliveryStatus delivery = awaitCaughtUp(ConnectorFixture.connectionFactory(adapter),
                        "records-status");
                assertNull(delivery.failure());
                assertNull(delivery.failingSince());
                assertEquals(0, delivery.retries());
                assertNotNull(delivery.lastSuccess());
            } finally {
                adapter.stop();
            }
        }
    }

    /** The named subscription's status, through the application's path, once it shows no blocks behind. */
    private static EventDeliveryStatus awaitCaughtUp(LedgerConnectionFactory connections, String subscription)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Optional<EventDeliveryStatus> found;
            try (LedgerConnection connection = connections.getConnection()) {
                found = connection.chainStatus().eventDeliveries().stream()
                        .filter(delivery -> delivery.subscription().equals(subscription)).findFirst();
            }
            if (found.isPresent() && found.get().blocksBehind() == 0 && found.get().lastSuccess() != null) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                fail("chain status did not show " + subscription + " caught up within 20 s: " + found);
            }
            Thread.sleep(20);
        }
    }

    /** Stands in for the container's bootstrap context: its work manager runs each work on a thread of its own. */
    private static BootstrapContext threadPerWork() {
        WorkManager workManager = (WorkManager) Proxy.newProxyInstance(EventDeliveryTest.class.getClassLoader(),
                new Class<?>[] {WorkManager.class}, (manager, method, args) -> {
                    if (method.getName().equals("scheduleWork")) {
                        new Thread((Work) args[0], "ledger-work-test").start();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BootstrapContext) Proxy.newProxyInstance(EventDeliveryTest.class.getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (context, method, args) -> {
                    if (method.getName().equals("getWorkManager")) {
                        return workManager;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private EventSubscription subscribe(LedgerResourceAdapter adapter, MessageEndpointFactory endpoints)
            throws Exception {
        EventSubscription subscription = new EventSubscription(adapter.node(), endpoints,
                new EventFilter(Set.of(EventFilter.Contract.RECORD), Set.of("RecordAnchored"), 0,
                        Duration.ofMillis(50), 0, 1000),
                new FileCheckpointStore(work.resolve("checkpoints")).forName("records-test"));
        Thread worker = new Thread(subscription, "ledger-events-test");
        worker.start();
        return subscription;
    }

    private static List<Bytes32> anchor(LedgerResourceAdapter adapter, Bytes32 patient, int count) throws Exception {
        List<Bytes32> ids = new ArrayList<>();
        try (LedgerConnection connection = ConnectorFixture.connectionFactory(adapter).getConnection()) {
            for (int i = 0; i < count; i++) {
                RecordAnchor anchor = RecordAnchor.original(ConcurrentTransactionsTest.random32(), patient,
                        ConcurrentTransactionsTest.random32(), new Category("laboratory"), "text/plain");
                connection.anchorRecord(anchor);
                ids.add(anchor.recordId());
            }
        }
        return ids;
    }

    private static List<Bytes32> recordIds(List<LedgerEvent> events) {
        return events.stream().map(event -> ((LedgerEvent.RecordAnchored) event).anchor().recordId())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static void awaitCount(List<LedgerEvent> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(received.size() >= count, "expected " + count + " events, got " + received.size());
    }

    /** Endpoints that record each event; the first {@code failures} deliveries throw instead. */
    private static MessageEndpointFactory endpoints(List<LedgerEvent> received, AtomicInteger failures) {
        return (MessageEndpointFactory) Proxy.newProxyInstance(EventDeliveryTest.class.getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (factory, method, args) -> {
                    if (method.getName().startsWith("createEndpoint")) {
                        return endpoint(received, failures);
                    }
                    if (method.getName().equals("isDeliveryTransacted")) {
                        return false;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(factory);
                    }
                    if (method.getName().equals("equals")) {
                        return factory == args[0];
                    }
                    return method.getName().equals("getActivationName") ? "test" : null;
                });
    }

    private static Object endpoint(List<LedgerEvent> received, AtomicInteger failures) {
        return Proxy.newProxyInstance(EventDeliveryTest.class.getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, LedgerEventListener.class}, (endpoint, method, args) -> {
                    if (isOnLedgerEvent(method)) {
                        if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                            throw new IllegalStateException("listener failure for the test");
                        }
                        received.add((LedgerEvent) args[0]);
                    }
                    return null;
                });
    }

    private static boolean isOnLedgerEvent(Method method) {
        return method.getName().equals("onLedgerEvent");
    }
}
