package org.custodia.ledger.adapter.inbound;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;

import org.custodia.ledger.adapter.chain.ChainClient;
import org.custodia.ledger.adapter.chain.ContractAddresses;
import org.custodia.ledger.adapter.chain.EventDecoder;
import org.custodia.ledger.adapter.chain.LedgerNode;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.api.LedgerEventListener;
import org.custodia.ledger.api.LedgerException;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Delivers the events selected by an {@link EventFilter} to one message-driven bean, in chain order, as
 * WorkManager work: poll {@code eth_getLogs}, deliver each new event inside {@code beforeDelivery} /
 * {@code afterDelivery}, then record it in the checkpoint file.
 *
 * <p>Guarantee: after a restart delivery resumes right after the checkpoint, so no event is skipped, and an event
 * is delivered twice only if the process dies between the bean's completed delivery and the checkpoint write
 * (a few microseconds), or if the delivery failed (the bean threw), in which case it is retried. A checkpoint that
 * does not match the chain (the block hash differs: the chain was replaced) stops the subscription with an error
 * instead of delivering from a wrong place.
 */
public final class EventSubscription implements Work {

    private static final Logger LOG = Logger.getLogger(EventSubscription.class.getName());
    private static final Method ON_LEDGER_EVENT;

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
    private final EventDecoder decoder = new EventDecoder();
    private final Object wakeUp = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile boolean started;

    public EventSubscription(LedgerNode node, MessageEndpointFactory endpoints, EventFilter filter,
            FileCheckpointStore.CheckpointFile checkpointFile) {
        this.node = node;
        this.endpoints = endpoints;
        this.filter = filter;
        this.checkpointFile = checkpointFile;
    }

    @Override
    public void run() {
        started = true;
        try {
            Optional<Checkpoint> checkpoint = checkpointFile.load();
            long from = checkpoint.map(Checkpoint::blockNumber).orElse(filter.startBlock());
            boolean verified = checkpoint.isEmpty();
            boolean waiting = false;
            while (!stopped) {
                try {
                    if (!verified) {
                        verifyOnChain(checkpoint.get());
                        verified = true;
                    }
                    long head = latestBlock() - filter.confirmations();
                    if (head >= from) {
                        long to = Math.min(head, from + filter.maxBlocksPerRequest() - 1);
                        Progress progress = deliver(fetch(from, to), checkpoint);
                        checkpoint = progress.checkpoint();
                        if (!progress.complete()) {
                            from = checkpoint.map(Checkpoint::blockNumber).orElse(from);
                        } else if (to < head) {
                            from = to + 1;
                            continue;
                        } else {
                            from = to + 1;
                        }
                    }
                    if (waiting) {
                        waiting = false;
                        LOG.info(() -> "ledger events for " + checkpointFile.path().getFileName()
                                + " are delivered again: the chain node answers");
                    }
                } catch (LedgerException e) {
                    if (!waiting) {
                        // once per outage: the chain-node readiness check reports the state meanwhile
                        waiting = true;
                        LOG.log(Level.WARNING, "ledger events for " + checkpointFile.path().getFileName()
                                + " wait for the chain node: " + e.getMessage());
                    }
                } catch (ReplacedChainException e) {
                    LOG.severe(e.getMessage());
                    return;
                }
                pause();
            }
        } finally {
            finished.countDown();
        }
    }

    /** How far a batch got: the checkpoint after it, and whether every event of it was delivered. */
    private record Progress(Optional<Checkpoint> checkpoint, boolean complete) {
    }

    private Progress deliver(List<LedgerEvent> events, Optional<Checkpoint> checkpoint) {
        Optional<Checkpoint> last = checkpoint;
        for (LedgerEvent event : events) {
            if (last.isPresent() && last.get().covers(event.position())) {
                continue;
            }
            if (stopped || !deliverOne(event)) {
                return new Progress(last, false);
            }
            Checkpoint reached = Checkpoint.of(event.position());
            checkpointFile.save(reached);
            last = Optional.of(reached);
        }
        return new Progress(last, true);
    }

    private boolean deliverOne(LedgerEvent event) {
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
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "delivery of ledger event " + event.name() + " at " + event.position()
                    + " failed; it will be delivered again", e);
            return false;
        }
    }

    private List<LedgerEvent> fetch(long from, long to) throws LedgerException {
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
        request.addOptionalTopics(decoder.topics(filter.eventNames()).toArray(String[]::new));
        ChainClient client = node.client();
        EthLog answer = client.send("read contract events of blocks " + from + "-" + to,
                client.web3j().ethGetLogs(request));
        if (answer.hasError()) {
            throw new LedgerException("chain node " + client.rpcUrl() + " refused to give the events of blocks "
                    + from + "-" + to + ": " + answer.getError().getMessage());
        }
        List<LedgerEvent> events = new ArrayList<>();
        for (EthLog.LogResult<?> result : answer.getLogs()) {
            Log log = (Log) result.get();
            if (!log.isRemoved()) {
                decoder.decode(log).ifPresent(events::add);
            }
        }
        events.sort(Comparator.comparing(LedgerEvent::position));
        return events;
    }

    private long latestBlock() throws LedgerException {
        return node.client().send("read the latest block number", node.client().web3j().ethBlockNumber())
                .getBlockNumber().longValueExact();
    }

    private void verifyOnChain(Checkpoint checkpoint) throws LedgerException {
        EthBlock block = node.client().send("read block " + checkpoint.blockNumber(), node.client().web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(checkpoint.blockNumber())),
                        false));
        Bytes32 actual = block.getBlock() == null ? null : Bytes32.fromHex(block.getBlock().getHash());
        if (!checkpoint.blockHash().equals(actual)) {
            throw new ReplacedChainException("ledger event checkpoint " + checkpointFile.path() + " names block "
                    + checkpoint.blockNumber() + " with hash " + checkpoint.blockHash() + ", but the chain has "
                    + (actual == null ? "no such block" : "hash " + actual) + ": the chain was replaced. Event"
                    + " delivery is stopped; delete the checkpoint file to deliver from the start block again");
        }
    }

    private void pause() {
        synchronized (wakeUp) {
            if (!stopped) {
                try {
                    wakeUp.wait(filter.pollingInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    /** Called by the WorkManager when it wants the work to end. */
    @Override
    public void release() {
        synchronized (wakeUp) {
            stopped = true;
            wakeUp.notifyAll();
        }
    }

    /** Ends delivery: lets a delivery in progress finish and its checkpoint be written, then returns. */
    public void stop() {
        release();
        if (!started) {
            return;
        }
        try {
            if (!finished.await(30, TimeUnit.SECONDS)) {
                LOG.warning("ledger event delivery for " + checkpointFile.path().getFileName()
                        + " did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class ReplacedChainException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplacedChainException(String message) {
            super(message);
        }
    }
}
