package org.custodia.ledger.adapter.inbound;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;

import org.custodia.ledger.adapter.chain.ChainClient;
import org.custodia.ledger.adapter.chain.ContractAddresses;
import org.custodia.ledger.adapter.chain.EventDecoder;
import org.custodia.ledger.adapter.chain.LedgerNode;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.ledger.api.LedgerException;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Delivers the events selected by an {@link EventFilter} to one message-driven bean, in chain order, as
 * WorkManager work: poll {@code eth_getLogs}, deliver each new event inside {@code beforeDelivery} /
 * {@code afterDelivery}, then record the last one delivered in the checkpoint file, once per poll round (a forced
 * write and rename each time, so not one per event).
 *
 * <p>Guarantee: no event is skipped. The checkpoint only advances past delivered events, and after a restart
 * delivery resumes right after it. An event is delivered twice only if the process stops after the bean's
 * completed delivery and before the checkpoint write of its round (abruptly, or while the checkpoint cannot be
 * written), or if the delivery failed (the bean threw), in which case it is retried.
 *
 * <p>Only {@link #release()} ends delivery. A poll round that fails (the chain node does not answer, the checkpoint
 * cannot be read or written, the bean throws, a log cannot be decoded, the checkpoint does not match the chain)
 * is retried from where the last one got, after a back-off of 1 s doubling up to 60 s, and
 * {@link #status()} reports the reason until a round succeeds.
 *
 * <p>A log that cannot be decoded is not skipped. It was selected by contract address and event topic, so it is
 * an event the application acts on (a revoked consent, say), and failing to read it means the deployed contracts
 * and this adapter's event definitions differ. Skipping it would leave the application acting on a state the
 * chain no longer has; so the events before it are delivered, delivery waits at it, and the failure names its
 * block, log index and transaction until an adapter that reads it is deployed.
 *
 * <p>A checkpoint whose block hash differs from the chain's (the chain was replaced) is such a failure too, rather
 * than delivery from a wrong place. The checkpoint file is read again at each retry, so deleting it resumes
 * delivery from the start block without a redeploy. A chain node whose head falls behind the blocks delivered
 * through (its chain went back), or whose block delivered through has another hash than when its events were read
 * (blocks replaced between two rounds, the head at the same height or higher), fails a round, and the checkpoint is
 * checked against its chain again: if its block is still there, delivery goes on from it, so the blocks that took
 * the lost ones' numbers are read.
 *
 * <p>A node that refuses a range of blocks as too large (Besu's {@code --rpc-max-logs-range}, a gateway's limit on
 * results; told by the error's code or words) is asked for half as many blocks at a time, down to one, for as long
 * as the subscription runs. Any other error answer fails the round.
 */
public final class EventSubscription implements Work {

    private static final Logger LOG = Logger.getLogger(EventSubscription.class.getName());
    private static final EventDecoder EVENTS = new EventDecoder();
    private static final Comparator<Log> CHAIN_ORDER =
            Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex);
    private static final Method ON_LEDGER_EVENT;
    /** EIP-1474's JSON-RPC error code for a request beyond a limit of the node's. */
    private static final int LIMIT_EXCEEDED = -32005;
    private static final List<String> RANGE_LIMIT_WORDS = List.of("range", "limit", "too many", "more than",
            "exceed");

    static {
        try {
            ON_LEDGER_EVENT = LedgerEventListener.class.getMethod("onLedgerEvent", LedgerEvent.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LedgerNode node;
    private final MessageEndpointFactory endpoints;
    private final EventFilter filter;
    private final FileCheckpointStore.CheckpointFile checkpointFile;
    private final Function<Log, Optional<LedgerEvent>> decoder;
    private final Sleeper sleeper;
    private final DeliveryMonitor monitor;
    private final Backoff backoff = new Backoff();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile boolean started;

    // where delivery stands; used by the worker thread only
    private boolean resumed;
    private Optional<Checkpoint> delivered = Optional.empty();
    private boolean unsaved;
    private long next;
    /** The last block delivered through since delivery resumed; -1 before the first. */
    private long reached = -1;
    /** The hash block {@link #reached} had, read before its events were. */
    private Bytes32 reachedHash;
    private long blocksPerRequest;

    public EventSubscription(LedgerNode node, MessageEndpointFactory endpoints, EventFilter filter,
            FileCheckpointStore.CheckpointFile checkpointFile) {
        this(node, endpoints, filter, checkpointFile, EVENTS::decode, Clock.systemUTC(), new WakeableSleeper());
    }

    /** With the parts tests replace: the log decoder, the clock of the reported times and the wait between rounds. */
    EventSubscription(LedgerNode node, MessageEndpointFactory endpoints, EventFilter filter,
            FileCheckpointStore.CheckpointFile checkpointFile, Function<Log, Optional<LedgerEvent>> decoder,
            Clock clock, Sleeper sleeper) {
        this.node = node;
        this.endpoints = endpoints;
        this.filter = filter;
        this.checkpointFile = checkpointFile;
        this.decoder = decoder;
        this.sleeper = sleeper;
        this.monitor = new DeliveryMonitor(checkpointFile.name(), clock);
        this.blocksPerRequest = filter.maxBlocksPerRequest();
    }

    /** How delivery keeps up with the chain; safe to call from any thread. */
    public EventDeliveryStatus status() {
        return monitor.status();
    }

    @Override
    public void run() {
        started = true;
        try {
            while (!stopped) {
                Duration pause = pollRound();
                if (!pause.isZero()) {
                    sleeper.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endedUnasked("interrupted");
        } catch (Error e) {
            endedUnasked(e.toString());
            throw e;
        } finally {
            finished.countDown();
        }
    }

    /** Delivery ended without {@link #release()}: health must show it as failing, not as idle and well. */
    private void endedUnasked(String why) {
        if (!stopped) {
            monitor.failed("the delivery worker ended (" + why + "); redeploy the application to start it again",
                    null);
        }
    }

    /** Runs one poll round and records its outcome; returns the wait before the next round. */
    private Duration pollRound() {
        try {
            boolean caughtUp = deliverNextBlocks();
            monitor.succeeded();
            backoff.reset();
            return caughtUp ? filter.pollingInterval() : Duration.ZERO;
        } catch (LedgerException e) {
            return failed(e.getMessage() != null ? e.getMessage() : e.toString(), null);
        } catch (DeliveryFailure e) {
            return failed(e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            // an unforeseen failure of one round must not end delivery for good either
            return failed("unexpected error: " + e, e);
        }
    }

    private Duration failed(String reason, Throwable detail) {
        monitor.failed(reason, detail);
        return backoff.next();
    }

    /**
     * Delivers the events of the next blocks up to the confirmed head, then checkpoints the last one.
     *
     * @return whether delivery has caught up with the confirmed head
     */
    private boolean deliverNextBlocks() throws LedgerException, DeliveryFailure {
        if (!resumed) {
            resume();
        }
        if (unsaved) {
            save();
        }
        long head = latestBlock() - filter.confirmations();
        monitor.headSeen(head);
        if (head < reached) {
            // blocks delivered through are gone: look at the checkpoint on this chain again before going on
            resumed = false;
            throw new DeliveryFailure("chain node " + node.client().shownUrl() + " is at block " + head
                    + (filter.confirmations() == 0 ? "" : " (confirmed)") + ", behind block " + reached
                    + " that delivery had reached: its chain went back (a development chain restarted from an older"
                    + " state, or a node resynchronising). Delivery goes on from the checkpoint once it is on the"
                    + " chain again", null);
        }
        requireUnchanged();
        if (head < next) {
            return true;
        }
        long to = Math.min(head, next + blocksPerRequest - 1);
        // read before the events: if the blocks are replaced in between, the next round sees another hash
        Bytes32 toHash = blockHash(to).orElseThrow(() -> new DeliveryFailure("chain node "
                + node.client().shownUrl() + " did not give block " + to + ", below the head it reported", null));
        Optional<List<Log>> logs = fetch(next, to);
        if (logs.isEmpty()) {
            return false;
        }
        boolean complete = deliverAll(logs.get());
        if (unsaved) {
            save();
        }
        if (!complete) {
            return true;
        }
        next = to + 1;
        reached = to;
        reachedHash = toHash;
        monitor.deliveredThrough(to);
        return to >= head;
    }

    /**
     * Fails the round when the block delivery stands on is gone or has another hash than when it was read: the blocks
     * after it may have been replaced, and events in them never read. That block is the one delivered through (its
     * hash read before its events), or the block of the last event delivered when that is later (a round that failed
     * part way, the first round after resuming).
     */
    private void requireUnchanged() throws LedgerException, DeliveryFailure {
        long number;
        Bytes32 expected;
        if (delivered.isPresent() && delivered.get().blockNumber() > reached) {
            number = delivered.get().blockNumber();
            expected = delivered.get().blockHash();
        } else if (reached >= 0) {
            number = reached;
            expected = reachedHash;
        } else {
            return;
        }
        Optional<Bytes32> now = blockHash(number);
        if (now.isEmpty() || !now.get().equals(expected)) {
            resumed = false;
            String what = now.isEmpty() ? "no longer has block " + number
                    : "has block " + number + " with hash " + now.get() + ", not " + expected + " as when it was read";
            throw new DeliveryFailure("chain node " + node.client().shownUrl() + " " + what + ": its chain went back"
                    + " (a development chain reverted or restarted from an older state, or a node resynchronising)."
                    + " Delivery goes on from the checkpoint once it is on the chain again", null);
        }
    }

    /**
     * Delivers the events among {@code logs} not delivered yet, in order; false when stopped before the end. When
     * one fails, the checkpoint is written at the last one delivered before it is reported.
     */
    private boolean deliverAll(List<Log> logs) throws DeliveryFailure {
        try {
            for (Log log : logs) {
                if (stopped) {
                    return false;
                }
                Optional<LedgerEvent> event = decode(log);
                if (event.isPresent() && !isDelivered(event.get())) {
                    deliverOne(event.get());
                    delivered = Optional.of(Checkpoint.of(event.get().position()));
                    unsaved = true;
                    monitor.delivered(event.get().position().blockNumber() - 1);
                }
            }
            return true;
        } catch (DeliveryFailure | RuntimeException e) {
            if (unsaved) {
                try {
                    save();
                } catch (DeliveryFailure notSaved) {
                    e.addSuppressed(notSaved);
                }
            }
            throw e;
        }
    }

    /** Reads the checkpoint and checks it against the chain; delivery goes on right after it, or from the start. */
    private void resume() throws LedgerException, DeliveryFailure {
        Optional<Checkpoint> saved;
        try {
            saved = checkpointFile.load();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DeliveryFailure(e.getMessage(), e);
        }
        if (saved.isPresent()) {
            verifyOnChain(saved.get());
        }
        delivered = saved;
        next = saved.map(Checkpoint::blockNumber).orElse(filter.startBlock());
        reached = -1;
        monitor.deliveredThrough(next - 1);
        resumed = true;
    }

    private void save() throws DeliveryFailure {
        try {
            checkpointFile.save(delivered.orElseThrow());
        } catch (UncheckedIOException e) {
            throw new DeliveryFailure(e.getMessage(), e);
        }
        unsaved = false;
    }

    private boolean isDelivered(LedgerEvent event) {
        return delivered.isPresent() && delivered.get().covers(event.position());
    }

    private Optional<LedgerEvent> decode(Log log) throws DeliveryFailure {
        try {
            return decoder.apply(log);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("the contract log at block " + log.getBlockNumber() + ", log index "
                    + log.getLogIndex() + " (transaction " + log.getTransactionHash() + ", contract "
                    + log.getAddress() + ") cannot be decoded (" + e + "): the deployed contracts do not match this"
                    + " ledger adapter's event definitions. Delivery waits at this event rather than skip it;"
                    + " deploy the ledger adapter built for these contracts", e);
        }
    }

    private void deliverOne(LedgerEvent event) throws DeliveryFailure {
        try {
            MessageEndpoint endpoint = endpoints.createEndpoint(null);
            try {
                endpoint.beforeDelivery(ON_LEDGER_EVENT);
                try {
                    ((LedgerEventListener) endpoint).onLedgerEvent(event);
                } finally {
                    endpoint.afterDelivery();
                }
            } finally {
                endpoint.release();
            }
        } catch (ResourceException | NoSuchMethodException | RuntimeException e) {
            throw new DeliveryFailure("the message-driven bean failed on ledger event " + event.name() + " at block "
                    + event.position().blockNumber() + ", log index " + event.position().logIndex() + " (" + e
                    + "); it is delivered again until the bean accepts it", e);
        }
    }

    /**
     * The contract logs of blocks {@code from} to {@code to}, in chain order; empty when the node refuses the range
     * as too large (a limit on blocks or results per request, see {@link #isRangeLimit}), after which half as many
     * blocks are asked for at a time.
     */
    private Optional<List<Log>> fetch(long from, long to) throws LedgerException {
        ContractAddresses contracts = node.contracts();
        List<String> addresses = new ArrayList<>();
        for (EventFilter.Contract contract : filter.contracts()) {
            LedgerAddress address = switch (contract) {
                case CONSORTIUM -> contracts.consortiumRegistry();
                case RECORD -> contracts.recordRegistry();
                case CONSENT -> contracts.consentRegistry();
            };
            addresses.add(address.toString());
        }
        EthFilter request = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        request.addOptionalTopics(EVENTS.topics(filter.eventNames()).toArray(String[]::new));
        ChainClient client = node.client();
        EthLog answer = client.send("read contract events of blocks " + from + "-" + to,
                client.web3j().ethGetLogs(request));
        if (answer.hasError()) {
            String refusal = "chain node " + client.shownUrl() + " refused to give the events of blocks " + from + "-"
                    + to + ": " + answer.getError().getMessage();
            if (to == from || !isRangeLimit(answer.getError())) {
                throw new LedgerException(refusal);
            }
            blocksPerRequest = Math.max(1, (to - from + 1) / 2);
            LOG.warning(refusal + "; asking for the events of at most " + blocksPerRequest + " blocks at a time from"
                    + " now on");
            return Optional.empty();
        }
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : answer.getLogs()) {
            Log log = (Log) result.get();
            if (!log.isRemoved()) {
                logs.add(log);
            }
        }
        logs.sort(CHAIN_ORDER);
        return Optional.of(logs);
    }

    /**
     * Whether the node refused a request for the size of its range or its result: EIP-1474's "limit exceeded" code,
     * or the words Besu, geth and RPC gateways use. Any other error is a failure of the round, retried with back-off.
     */
    private static boolean isRangeLimit(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return error.getCode() == LIMIT_EXCEEDED || RANGE_LIMIT_WORDS.stream().anyMatch(message::contains);
    }

    private long latestBlock() throws LedgerException {
        ChainClient client = node.client();
        EthBlockNumber answer = client.send("read the latest block number", client.web3j().ethBlockNumber());
        if (answer.hasError()) {
            throw new LedgerException("chain node " + client.shownUrl() + " refused to give the latest block number: "
                    + answer.getError().getMessage());
        }
        return answer.getBlockNumber().longValueExact();
    }

    /** The hash of block {@code number} on the node's chain; empty when the node does not have it. */
    private Optional<Bytes32> blockHash(long number) throws LedgerException {
        ChainClient client = node.client();
        EthBlock answer = client.send("read block " + number, client.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
        if (answer.hasError()) {
            throw new LedgerException("chain node " + client.shownUrl() + " refused to give block " + number + ": "
                    + answer.getError().getMessage());
        }
        return Optional.ofNullable(answer.getBlock()).map(block -> Bytes32.fromHex(block.getHash()));
    }

    private void verifyOnChain(Checkpoint checkpoint) throws LedgerException, DeliveryFailure {
        Bytes32 actual = blockHash(checkpoint.blockNumber()).orElse(null);
        if (actual == null) {
            throw new DeliveryFailure("ledger event checkpoint " + checkpointFile.path() + " names block "
                    + checkpoint.blockNumber() + ", which chain node " + node.client().shownUrl() + " does not have:"
                    + " it is behind, or the chain was replaced. Event delivery waits for the block; if the chain"
                    + " was replaced, delete the checkpoint file to deliver from the start block again", null);
        }
        if (!checkpoint.blockHash().equals(actual)) {
            throw new DeliveryFailure("ledger event checkpoint " + checkpointFile.path() + " names block "
                    + checkpoint.blockNumber() + " with hash " + checkpoint.blockHash() + ", but the chain has hash "
                    + actual + ": the chain was replaced. Event delivery waits; delete the checkpoint file to deliver"
                    + " from the start block again", null);
        }
    }

    /** Called by the WorkManager when it wants the work to end. */
    @Override
    public void release() {
        stopped = true;
        sleeper.wakeUp();
    }

    /** Ends delivery: lets a delivery in progress finish and its checkpoint be written, then returns. */
    public void stop() {
        release();
        if (!started) {
            return;
        }
        try {
            if (!finished.await(30, TimeUnit.SECONDS)) {
                LOG.warning("ledger event delivery for " + checkpointFile.name() + " did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why a poll round failed, in words an operator can act on. */
    private static final class DeliveryFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DeliveryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
