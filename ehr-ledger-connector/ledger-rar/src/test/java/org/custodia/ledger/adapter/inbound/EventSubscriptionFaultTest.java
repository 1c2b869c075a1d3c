package org.custodia.ledger.adapter.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.custodia.ledger.adapter.JsonRpcRelay;
import org.custodia.ledger.adapter.chain.CompletionPolicy;
import org.custodia.ledger.adapter.chain.ContractAddresses;
import org.custodia.ledger.adapter.chain.ContractLedger;
import org.custodia.ledger.adapter.chain.EventDecoder;
import org.custodia.ledger.adapter.chain.LedgerNode;
import org.custodia.ledger.adapter.chain.NodeConfig;
import org.custodia.ledger.adapter.chain.RetryPolicy;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.EventPosition;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.testing.AnvilNode;
import org.custodia.ledger.testing.DeployedContracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Delivery through injected faults, each of which used to end it until a redeploy: a checkpoint that cannot be
 * written, a log that cannot be decoded, a checkpoint from a replaced chain, a chain that went back, a node that
 * refuses large ranges of blocks (anvil behind a {@link JsonRpcRelay}). Chain, contracts and checkpoint files
 * are real (anvil, as in {@code EventDeliveryTest}); the waits between rounds are recorded instead of slept
 * ({@link RecordingSleeper}), and a fault is cleared on the worker thread after a given number of failed rounds.
 */
class EventSubscriptionFaultTest {

    private static final int HOSPITAL = 1;
    private static final Duration POLLING = Duration.ofMillis(20);
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventFilter RECORDS = new EventFilter(Set.of(EventFilter.Contract.RECORD),
            Set.of("RecordAnchored"), 0, POLLING, 0, 1000);

    @TempDir
    Path work;

    private final List<LedgerEvent> received = new CopyOnWriteArrayList<>();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private AnvilNode anvil;
    private DeployedContracts contracts;
    private LedgerNode node;
    private EventSubscription running;

    @BeforeEach
    void startChain() {
        anvil = AnvilNode.start();
        contracts = DeployedContracts.deploy(anvil,
                List.of(DeployedContracts.memberSpec(anvil, HOSPITAL, MemberRole.HOSPITAL)));
        node = node(anvil.rpcUrl());
    }

    private LedgerNode node(String rpcUrl) {
        return new LedgerNode(new NodeConfig(rpcUrl, OptionalLong.of(anvil.chainId()),
                new ContractAddresses(LedgerAddress.fromHex(contracts.addresses().consortiumRegistry()),
                        LedgerAddress.fromHex(contracts.addresses().recordRegistry()),
                        LedgerAddress.fromHex(contracts.addresses().consentRegistry())),
                contracts.account(HOSPITAL), BigInteger.ZERO, Duration.ofSeconds(2),
                new RetryPolicy(2, Duration.ofMillis(50)), NodeConfig.DEFAULT_ANCHOR_INTERVAL));
    }

    @AfterEach
    void stopChain() {
        if (running != null) {
            running.stop();
        }
        node.close();
        contracts.close();
        anvil.close();
    }

    @Test
    void aCheckpointThatCannotBeWrittenIsRetriedWithoutLosingOrRepeatingAnEvent() throws Exception {
        List<Bytes32> anchored = anchor(3);
        Path directory = work.resolve("checkpoints");
        Files.writeString(directory, "a file where the checkpoint directory belongs");
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();
        AtomicInteger deliveredWhileFailing = new AtomicInteger(-1);

        EventSubscription subscription = subscribe(new EventDecoder()::decode, 3, status -> {
            whileFailing.set(status);
            deliveredWhileFailing.set(received.size());
            delete(directory);
        });

        awaitCaughtUp(subscription, 3);
        assertEquals(anchored, recordIds(received), "every anchor once, in chain order");
        assertTrue(whileFailing.get().failure().contains("cannot write event checkpoint"),
                whileFailing.get().failure());
        assertEquals(3, deliveredWhileFailing.get(), "the round's events were delivered before its one checkpoint"
                + " write failed, once each, not again on each retry");
        assertEquals(Optional.of(Checkpoint.of(received.get(2).position())), checkpointFile().load(),
                "the checkpoint ends at the last event");
    }

    @Test
    void aLogThatCannotBeDecodedHoldsDeliveryAtItUntilItCanBe() throws Exception {
        List<Bytes32> anchored = anchor(3);
        Set<Bytes32> undecodable = ConcurrentHashMap.newKeySet();
        undecodable.add(anchored.get(1));
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();
        AtomicInteger deliveredWhileFailing = new AtomicInteger(-1);
        AtomicReference<Optional<Checkpoint>> checkpointWhileFailing = new AtomicReference<>();

        EventSubscription subscription = subscribe(failingOn(undecodable), 1, status -> {
            whileFailing.set(status);
            deliveredWhileFailing.set(received.size());
            checkpointWhileFailing.set(checkpointFile().load());
            undecodable.clear();
        });

        awaitCaughtUp(subscription, 3);
        assertEquals(anchored, recordIds(received), "nothing skipped, nothing twice");
        assertEquals(1, deliveredWhileFailing.get(), "the event before the undecodable log was delivered, none after");
        assertEquals(Optional.of(Checkpoint.of(received.get(0).position())), checkpointWhileFailing.get(),
                "the failed round's checkpoint was written at the event delivered before the failure");
        EventPosition undecoded = received.get(1).position();
        assertTrue(whileFailing.get().failure().contains("block " + undecoded.blockNumber() + ", log index "
                + undecoded.logIndex()), whileFailing.get().failure());
        assertEquals(1, Collections.frequency(sleeper.waits(), Backoff.FIRST), "one failed round");
    }

    @Test
    void backOffDoublesUpToAMinuteAndStartsOverAfterASuccess() throws Exception {
        Set<Bytes32> undecodable = ConcurrentHashMap.newKeySet();
        undecodable.addAll(anchor(1));
        EventSubscription subscription = subscribe(failingOn(undecodable), 8, status -> undecodable.clear());
        awaitCaughtUp(subscription, 1);

        RecordAnchor next = newAnchor(random32());
        undecodable.add(next.recordId());
        clearFaultAfter(subscription, 1, status -> undecodable.clear());
        ledger().anchorRecord(next);
        awaitCaughtUp(subscription, 2);

        List<Duration> backOffs = sleeper.waits().stream().filter(wait -> !wait.equals(POLLING)).toList();
        assertEquals(List.of(seconds(1), seconds(2), seconds(4), seconds(8), seconds(16), seconds(32), seconds(60),
                seconds(60), seconds(1)), backOffs, "all waits but the polling interval");
    }

    @Test
    void lagAndFailureAreReportedWhileFailingAndClearedAfterRecovery() throws Exception {
        List<Bytes32> anchored = anchor(2);
        Set<Bytes32> undecodable = ConcurrentHashMap.newKeySet();
        undecodable.add(anchored.get(0));
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();

        EventSubscription subscription = subscribe(failingOn(undecodable), 2, status -> {
            whileFailing.set(status);
            undecodable.clear();
        });
        awaitCaughtUp(subscription, 2);

        EventDeliveryStatus failing = whileFailing.get();
        assertEquals("records-test", failing.subscription());
        assertTrue(failing.blocksBehind() >= 2, "both anchors' blocks are behind: " + failing.blocksBehind());
        assertTrue(failing.failure().contains("cannot be decoded"), failing.failure());
        assertEquals(NOW, failing.failingSince());
        assertEquals(2, failing.retries());
        assertNull(failing.lastSuccess(), "no round has succeeded yet");

        EventDeliveryStatus recovered = subscription.status();
        assertEquals(0, recovered.blocksBehind());
        assertNull(recovered.failure());
        assertNull(recovered.failingSince());
        assertEquals(0, recovered.retries());
        assertEquals(NOW, recovered.lastSuccess());
    }

    @Test
    void aCheckpointOfAReplacedChainHoldsDeliveryUntilItIsDeleted() throws Exception {
        List<Bytes32> anchored = anchor(2);
        checkpointFile().save(new Checkpoint(1, 0, random32()));
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();

        EventSubscription subscription = subscribe(new EventDecoder()::decode, 1, status -> {
            whileFailing.set(status);
            delete(checkpointFile().path());
        });

        awaitCaughtUp(subscription, 2);
        assertTrue(whileFailing.get().failure().contains("the chain was replaced"), whileFailing.get().failure());
        assertEquals(anchored, recordIds(received), "delivered from the start block once the checkpoint was gone");
    }

    /**
     * A chain node that went back (a development chain restarted from an older state): the blocks that take the
     * lost ones' numbers are read, from the checkpoint, which is still on the chain. Before, the subscription took the
     * lower head for "caught up" and then went on after the block it had reached, past the new blocks below it.
     */
    @Test
    void aChainThatGoesBackIsReadAgainFromTheCheckpoint() throws Exception {
        List<Bytes32> anchored = new ArrayList<>(anchor(1));
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();
        EventSubscription subscription = subscribe(new EventDecoder()::decode, 1, status -> {
            // on the worker, between the round that saw the lower head and the next: the chain grows past it again
            whileFailing.set(status);
            try {
                anchored.addAll(anchor(1));
            } catch (LedgerException e) {
                throw new IllegalStateException(e);
            }
            anvil.rpc("anvil_mine", "\"0x3\"");
        });
        awaitCaughtUp(subscription, 1);
        String snapshot = JSON.readTree(anvil.rpc("evm_snapshot", "")).get("result").asText();
        anvil.rpc("anvil_mine", "\"0x3\"");
        awaitRounds(2);

        anvil.rpc("evm_revert", "\"" + snapshot + "\"");

        awaitCaughtUp(subscription, 2);
        assertTrue(whileFailing.get().failure().contains("its chain went back"), whileFailing.get().failure());
        assertEquals(anchored, recordIds(received), "the anchor in a block numbered as a lost one is delivered");
    }

    /**
     * Blocks replaced between two rounds, the head back at the height delivery had reached (a development chain
     * reverted and mined again): the anchor in a replaced block is delivered. Before, a round compared only the
     * head's number with the block reached, took the chain for unchanged and went on after it, past the new anchor.
     */
    @Test
    void blocksReplacedBetweenRoundsAreReadAgainFromTheCheckpoint() throws Exception {
        List<Bytes32> anchored = new ArrayList<>(anchor(1));
        EventSubscription subscription = subscribe(new EventDecoder()::decode, 1, status -> {
        });
        awaitCaughtUp(subscription, 1);
        String snapshot = JSON.readTree(anvil.rpc("evm_snapshot", "")).get("result").asText();
        anvil.rpc("anvil_mine", "\"0x3\"");
        awaitRounds(2);
        long reachedHead = latestBlock();
        AtomicBoolean replaced = new AtomicBoolean();
        AtomicReference<EventDeliveryStatus> whileFailing = new AtomicReference<>();
        sleeper.onSleep(wait -> {
            // on the worker, between two rounds: the three blocks replaced by an anchor's and two more
            if (!replaced.getAndSet(true)) {
                anvil.rpc("evm_revert", "\"" + snapshot + "\"");
                try {
                    anchored.addAll(anchor(1));
                } catch (LedgerException e) {
                    throw new IllegalStateException(e);
                }
                anvil.rpc("anvil_mine", "\"0x2\"");
                assertEquals(reachedHead, latestBlock(), "the head is back at the height delivery had reached");
            } else if (subscription.status().failure() != null) {
                whileFailing.compareAndSet(null, subscription.status());
            }
        });

        awaitCaughtUp(subscription, 2);
        assertEquals(anchored, recordIds(received), "the anchor in a replaced block is delivered, the first not again");
        assertTrue(whileFailing.get().failure().contains("as when it was read"),
                whileFailing.get().failure());
    }

    /**
     * A round that delivered an event and then failed (a log it cannot decode), and the chain replaced from that
     * event's block on before the round is retried: the retry notices it, so the replacement's anchor at the same
     * position is not taken for the event delivered there. Before, only the block a successful round reached was
     * checked: the new anchor was skipped as delivered.
     */
    @Test
    void aRoundThatFailedPartWayNoticesTheChainReplacedBeforeItsRetry() throws Exception {
        String snapshot = JSON.readTree(anvil.rpc("evm_snapshot", "")).get("result").asText();
        List<Bytes32> anchored = new ArrayList<>(anchor(2));
        Set<Bytes32> undecodable = ConcurrentHashMap.newKeySet();
        undecodable.add(anchored.get(1));
        AtomicReference<EventDeliveryStatus> whileReplaced = new AtomicReference<>();
        subscribe(failingOn(undecodable), 1, status -> {
            // on the worker, after the round that delivered the first anchor and failed at the second
            anvil.rpc("evm_revert", "\"" + snapshot + "\"");
            anchored.add(anchorThroughAnotherSender());
            undecodable.clear();
            // the retry notices the block went back, the next round that the checkpoint's block was replaced
            clearFaultAfter(running, 3, replaced -> {
                whileReplaced.set(replaced);
                delete(checkpointFile().path());
            });
        });

        awaitCaughtUp(running, 2);
        assertTrue(whileReplaced.get().failure().contains("the chain was replaced"), whileReplaced.get().failure());
        assertEquals(List.of(anchored.get(0), anchored.get(2)), recordIds(received),
                "the first anchor, then from the start block again the replacement's, at the first's position");
    }

    /** Anchors a record through a sender of its own, which knows nothing of transactions the chain lost. */
    private Bytes32 anchorThroughAnotherSender() {
        try (LedgerNode other = node(anvil.rpcUrl())) {
            RecordAnchor anchor = newAnchor(random32());
            new ContractLedger(other, new CompletionPolicy(Duration.ofMillis(2), Duration.ofSeconds(10), 0))
                    .anchorRecord(anchor);
            return anchor.recordId();
        } catch (LedgerException e) {
            throw new IllegalStateException(e);
        }
    }

    private long latestBlock() {
        try {
            return Long.decode(JSON.readTree(anvil.rpc("eth_blockNumber", "")).get("result").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A node that refuses to give the logs of more than 100 blocks at once (as Besu's {@code --rpc-max-logs-range}
     * or a gateway may): the range is halved until the node gives them. Before, the same 1,000 blocks were asked
     * for again at every round, and delivery stopped for good.
     */
    @Test
    void aRangeTheNodeRefusesIsAskedForInSmallerParts() throws Exception {
        List<Bytes32> anchored = new ArrayList<>(anchor(2));
        anvil.rpc("anvil_mine", "\"0x12c\"");
        anchored.addAll(anchor(1));
        try (JsonRpcRelay limited = new JsonRpcRelay(anvil.rpcUrl(), EventSubscriptionFaultTest::spansMoreThan100,
                -32005, "query exceeds the limit of 100 blocks");
             LedgerNode throughLimit = node(limited.url())) {
            EventSubscription subscription = subscribe(throughLimit, new EventDecoder()::decode, 1, status -> {
            });

            awaitCaughtUp(subscription, 3);
            assertEquals(anchored, recordIds(received), "every anchor once, in chain order");
        }
    }

    private static boolean spansMoreThan100(JsonNode request) {
        if (!"eth_getLogs".equals(request.path("method").asText())) {
            return false;
        }
        JsonNode filter = request.path("params").path(0);
        return Long.decode(filter.path("toBlock").asText()) - Long.decode(filter.path("fromBlock").asText()) >= 100;
    }

    /** Starts delivery; after {@code failedRounds} failed rounds in a row, {@code clearFault} gets the status. */
    private EventSubscription subscribe(Function<Log, Optional<LedgerEvent>> decoder, int failedRounds,
            Consumer<EventDeliveryStatus> clearFault) {
        return subscribe(node, decoder, failedRounds, clearFault);
    }

    private EventSubscription subscribe(LedgerNode through, Function<Log, Optional<LedgerEvent>> decoder,
            int failedRounds, Consumer<EventDeliveryStatus> clearFault) {
        EventSubscription created = new EventSubscription(through, endpoints(), RECORDS, checkpointFile(), decoder,
                Clock.fixed(NOW, ZoneOffset.UTC), sleeper);
        clearFaultAfter(created, failedRounds, clearFault);
        running = created;
        new Thread(created, "ledger-events-fault-test").start();
        return created;
    }

    /** Runs {@code clearFault} on the worker, between two rounds, once {@code failedRounds} rounds in a row failed. */
    private void clearFaultAfter(EventSubscription target, int failedRounds, Consumer<EventDeliveryStatus> clearFault) {
        sleeper.onSleep(wait -> {
            EventDeliveryStatus status = target.status();
            if (status.retries() == failedRounds) {
                clearFault.accept(status);
            }
        });
    }

    private void awaitCaughtUp(EventSubscription target, int events) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!caughtUp(target.status(), events)) {
            if (System.nanoTime() > deadline) {
                fail("delivery did not catch up within " + TIMEOUT + ": " + received.size() + " of " + events
                        + " events, " + target.status());
            }
            Thread.sleep(10);
        }
    }

    /** Waits for {@code rounds} more rounds that ended caught up; the last of them began after this call. */
    private void awaitRounds(int rounds) throws InterruptedException {
        int until = sleeper.waits().size() + rounds;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (sleeper.waits().size() < until) {
            if (System.nanoTime() > deadline) {
                fail("no " + rounds + " more rounds within " + TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    private boolean caughtUp(EventDeliveryStatus status, int events) {
        return received.size() >= events && status.failure() == null && status.blocksBehind() == 0
                && status.lastSuccess() != null;
    }

    /** The real decoder, except that it fails on the anchors of the record ids in {@code undecodable}. */
    private static Function<Log, Optional<LedgerEvent>> failingOn(Set<Bytes32> undecodable) {
        EventDecoder decoder = new EventDecoder();
        return log -> {
            Optional<LedgerEvent> event = decoder.decode(log);
            if (event.isPresent() && undecodable.contains(recordId(event.get()))) {
                throw new IllegalArgumentException("event layout not understood (injected by the test)");
            }
            return event;
        };
    }

    private FileCheckpointStore.CheckpointFile checkpointFile() {
        return new FileCheckpointStore(work.resolve("checkpoints")).forName("records-test");
    }

    private ContractLedger ledger() {
        return new ContractLedger(node, new CompletionPolicy(Duration.ofMillis(2), Duration.ofSeconds(10), 0));
    }

    private List<Bytes32> anchor(int count) throws LedgerException {
        ContractLedger ledger = ledger();
        Bytes32 patient = random32();
        List<Bytes32> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordAnchor anchor = newAnchor(patient);
            ledger.anchorRecord(anchor);
            ids.add(anchor.recordId());
        }
        return ids;
    }

    private static RecordAnchor newAnchor(Bytes32 patient) {
        return RecordAnchor.original(random32(), patient, random32(), new Category("laboratory"), "text/plain");
    }

    private static Bytes32 random32() {
        byte[] bytes = new byte[Bytes32.LENGTH];
        new SecureRandom().nextBytes(bytes);
        return Bytes32.of(bytes);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Bytes32 recordId(LedgerEvent event) {
        return ((LedgerEvent.RecordAnchored) event).anchor().recordId();
    }

    private static List<Bytes32> recordIds(List<LedgerEvent> events) {
        return events.stream().map(EventSubscriptionFaultTest::recordId).collect(Collectors.toList());
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stands in for the container's endpoint factory: each endpoint records the event it receives. */
    private MessageEndpointFactory endpoints() {
        return (MessageEndpointFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (factory, method, args) -> {
                    if (method.getName().equals("createEndpoint")) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {MessageEndpoint.class, LedgerEventListener.class},
                                (endpoint, call, values) -> {
                                    if (call.getName().equals("onLedgerEvent")) {
                                        received.add((LedgerEvent) values[0]);
                                    }
                                    return null;
                                });
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
