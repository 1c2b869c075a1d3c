package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionOutOfGasException;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends contract transactions signed with the node's account key and waits for their receipts.
 *
 * <p>Each transaction is first estimated ({@code eth_estimateGas}), which also runs it: a refusal comes back as a
 * typed exception before any nonce is used. Signing and handing to the node happen under one lock, so nonces reach
 * the node in order; nothing else is under it, so transactions are pipelined: many wait for their receipts at once,
 * through one {@link ReceiptPoller}. A transaction is signed once: an I/O fault is retried by sending the same signed
 * bytes again (same nonce, same hash), never a re-signed copy. Only when the node positively rejects the nonce and
 * does not know the transaction is it signed again with a fresh nonce. When the node stays away the caller gets a
 * {@link LedgerUnavailableException} naming the transaction, and the next transaction takes its nonce from the
 * node again.
 *
 * <p>Stuck transactions are recovered while their senders wait. The signed bytes of every transaction not yet mined
 * are kept; when a receipt is slow to come the sender asks the node how many transactions of the account are mined.
 * Every kept transaction from that nonce up to the waiting one that the node does not know (dropped from its pool,
 * or lost in a restart, leaving a nonce gap that holds up all later ones) is handed to it again, unchanged. A
 * transaction whose nonce is used and which the node has (mined since the wait gave up) is waited for again. A
 * transaction whose nonce was used by another one can never be mined; only then is it signed again, with a fresh
 * nonce.
 *
 * <p>The signed bytes of the transactions that succeeded at the last {@value #MINED_KEPT} nonces are kept too: a
 * node that loses blocks it had mined (a development chain reverted or restarted from an older state) forgets their
 * transactions, and the gap they leave holds up every later nonce. They are handed over again like the ones dropped
 * from a pool, when the gap is held whole. After the nonces are counted from the node's view again (the node was
 * away), a transaction handed over before, pooled or mined, that the node no longer has is handed over again before
 * a new one would take its nonce. So a transaction whose sender was told it was mined ends up mined again,
 * unchanged. A transaction that failed is not kept: on the state it met when handed over again it might succeed.
 * A transaction that ran out of gas is sent once more, estimated anew.
 */
public final class TransactionSender {

    private static final Logger LOG = Logger.getLogger(TransactionSender.class.getName());
    private static final int NONCE_CONFLICT_ATTEMPTS = 5;
    private static final Duration SHORTEST_STALL = Duration.ofSeconds(1);
    private static final int POLLS_BEFORE_STALL = 8;
    /**
     * How long a sender waits for the send lock: far longer than signing and handing over take, so only a holder
     * whose chain node does not answer (each call may last its retries' whole time) makes others give up.
     */
    private static final Duration SEND_LOCK_PATIENCE = Duration.ofSeconds(30);
    /** How many nonces below a mined one have their signed bytes kept, to hand over again should blocks be lost. */
    static final int MINED_KEPT = 1024;
    /** How often a transaction that ran out of gas is sent, each time with a new estimate. */
    private static final int OUT_OF_GAS_ATTEMPTS = 2;

    private final ChainClient client;
    private final String account;
    private final RecoverableSigner signer;
    private final ChainIdSource chainId;
    private final BigInteger gasPrice;
    private final RevertDecoder revertDecoder;
    private final ContractCaller caller;
    private final NonceManager nonces;
    private final ReceiptPoller receipts;
    private final ConcurrentNavigableMap<BigInteger, SentTransaction> unmined = new ConcurrentSkipListMap<>();
    private final ConcurrentNavigableMap<BigInteger, SentTransaction> recentlyMined = new ConcurrentSkipListMap<>();
    /** Unmined transactions whose waiters gave up: settled at a later stall ({@link #settleAbandonedBelow}). */
    private final Set<SentTransaction> abandoned = ConcurrentHashMap.newKeySet();
    private final ReentrantLock sendLock = new ReentrantLock();

    /** Sends as {@code account}, whose key {@code signer} holds. */
    TransactionSender(ChainClient client, String account, RecoverableSigner signer, ChainIdSource chainId,
            BigInteger gasPrice, RevertDecoder revertDecoder) {
        this.client = client;
        this.account = account;
        this.signer = signer;
        this.chainId = chainId;
        this.gasPrice = gasPrice;
        this.revertDecoder = revertDecoder;
        this.caller = new ContractCaller(client, account, revertDecoder);
        this.nonces = new NonceManager(client, account);
        this.receipts = new ReceiptPoller(client);
    }

    /** The account that signs. */
    public String account() {
        return account;
    }

    /**
     * Executes a state-changing function of {@code contract} and returns its receipt once the policy is met.
     *
     * @throws ContractRefusalException     when the contract refuses (nothing changed)
     * @throws TransactionOutOfGasException when it ran out of gas each time it was sent (nothing changed)
     * @throws LedgerUnavailableException   when the node is unreachable; see its pending transaction
     */
    public TransactionReceipt execute(String what, String contract, RemoteFunctionCall<?> function,
            CompletionPolicy policy) throws LedgerException {
        String data = function.encodeFunctionCall();
        TransactionReceipt receipt = null;
        for (int attempt = 1; receipt == null; attempt++) {
            Mined mined = estimateSendAndAwait(what, contract, data, policy);
            if (mined.receipt().isStatusOK()) {
                receipt = mined.receipt();
            } else if (!ranOutOfGas(mined.receipt().getGasUsed(), mined.gasLimit())
                    || attempt == OUT_OF_GAS_ATTEMPTS) {
                throw failure(what, contract, data, mined.gasLimit(), mined.receipt());
            } else {
                // nothing changed and nothing is pending: estimated anew on the state it met, it is sent once more
                LOG.info(() -> "Transaction " + mined.receipt().getTransactionHash() + " to " + what + " ran out of"
                        + " gas (limit " + mined.gasLimit() + "); sending it again with a new estimate");
            }
        }
        Bytes32 hash = Bytes32.fromHex(receipt.getTransactionHash());
        try {
            awaitConfirmations(what, hash, receipt.getBlockNumber(), policy);
        } catch (LedgerException e) {
            throw withPending(e, hash, "was mined in block " + receipt.getBlockNumber()
                    + " and may be confirmed yet");
        }
        return receipt;
    }

    /** A mined transaction's receipt, and the gas limit it was sent with. */
    private record Mined(TransactionReceipt receipt, BigInteger gasLimit) {
    }

    private Mined estimateSendAndAwait(String what, String contract, String data, CompletionPolicy policy)
            throws LedgerException {
        try {
            BigInteger gasLimit = estimateGas(what, contract, data);
            SentTransaction sent = underSendLock(what, () -> signAndSend(what, contract, data, gasLimit));
            return new Mined(awaitReceipt(what, sent, policy), gasLimit);
        } catch (LedgerUnavailableException e) {
            // the node may have lost or kept transactions while away: count nonces from its view again (unless
            // another sender holds the lock: it talks to the node and learns the same)
            if (sendLock.tryLock()) {
                try {
                    nonces.resynchronise();
                } finally {
                    sendLock.unlock();
                }
            }
            throw e;
        }
    }

    /** The receipt of a transaction the node knows and has mined, if any. */
    public Optional<TransactionReceipt> findReceipt(Bytes32 hash) throws LedgerException {
        EthGetTransactionReceipt answer = client.send("read the receipt of transaction " + hash,
                client.web3j().ethGetTransactionReceipt(hash.toString()));
        if (answer.hasError()) {
            throw new LedgerException("chain node " + client.shownUrl() + " refused to give the receipt of transaction "
                    + hash + ": " + answer.getError().getMessage());
        }
        return answer.getTransactionReceipt();
    }

    private BigInteger estimateGas(String what, String contract, String data) throws LedgerException {
        EthEstimateGas estimate = client.send(what + " (gas estimate)", client.web3j().ethEstimateGas(
                Transaction.createEthCallTransaction(account(), contract, data)));
        if (estimate.hasError()) {
            if (RpcErrors.isRevert(estimate.getError())) {
                throw revertDecoder.decode(what, RpcErrors.revertData(estimate.getError()),
                        estimate.getError().getMessage());
            }
            // nothing was sent: an unavailability, not a failure that may have come after the transaction
            throw new LedgerUnavailableException("chain node " + client.shownUrl() + " could not estimate the gas to "
                    + what + ": " + estimate.getError().getMessage(), null);
        }
        BigInteger used = estimate.getAmountUsed();
        return used.add(used.shiftRight(2));
    }

    private SentTransaction signAndSend(String what, String contract, String data, BigInteger gasLimit)
            throws LedgerException {
        int attempt = 1;
        while (true) {
            BigInteger nonce = nonces.peek();
            SentTransaction before = unmined.containsKey(nonce) ? unmined.get(nonce) : recentlyMined.get(nonce);
            if (handedOverAgain(before)) {
                nonces.commit();
                continue;
            }
            byte[] signed = signer.signTransaction(
                    RawTransaction.createTransaction(nonce, gasPrice, gasLimit, contract, data), chainId.chainId());
            Bytes32 hash = Bytes32.of(Hash.sha3(signed));
            EthSendTransaction answer;
            try {
                answer = client.send(what, client.web3j().ethSendRawTransaction(Numeric.toHexString(signed)));
            } catch (LedgerUnavailableException e) {
                throw new LedgerUnavailableException(e.getMessage() + "; transaction " + hash
                        + " may or may not have reached the node", hash, e);
            }
            boolean known;
            try {
                known = !answer.hasError() || isKnown(hash);
            } catch (LedgerUnavailableException e) {
                throw withPending(e, hash, "may or may not have reached the node");
            }
            if (known) {
                nonces.commit();
                SentTransaction sent = new SentTransaction(nonce, hash, signed, contract, data, gasLimit);
                unmined.put(nonce, sent);
                recentlyMined.remove(nonce);
                return sent;
            }
            nonces.resynchronise();
            if (!RpcErrors.isNonceConflict(answer.getError()) || attempt == NONCE_CONFLICT_ATTEMPTS) {
                throw new LedgerUnavailableException("chain node " + client.shownUrl() + " rejected the transaction to "
                        + what + " (it does not know it, so it was not taken): " + answer.getError().getMessage(), null);
            }
            LOG.fine(() -> "nonce " + nonce + " already taken, signing again: " + answer.getError().getMessage());
            attempt++;
        }
    }

    /**
     * Whether {@code lost}, a transaction handed over before at the nonce the node now gives as its next free one, was
     * handed over again: the node lost it (dropped from its pool in a restart, or the block it was mined in), and
     * once the nonces are counted from the node's view again a new transaction would take its nonce and leave it off
     * the chain for good. False when there is none, or the node knows it; or when the node refuses it for its nonce
     * (another transaction of the account took the nonce meanwhile), after which it can never be mined.
     *
     * @throws LedgerUnavailableException if the node refuses it otherwise (nothing else is sent at its nonce)
     */
    private boolean handedOverAgain(SentTransaction lost) throws LedgerException {
        if (lost == null || isKnown(lost.hash())) {
            return false;
        }
        LOG.warning(() -> "Chain node " + client.shownUrl() + " no longer has transaction " + lost.hash() + " (nonce "
                + lost.nonce() + " of account " + account + "), handed to it before; handing it over again");
        EthSendTransaction answer = client.send("send transaction " + lost.hash() + " again",
                client.web3j().ethSendRawTransaction(Numeric.toHexString(lost.signed())));
        if (!answer.hasError() || RpcErrors.isAlreadyKnown(answer.getError()) || isKnown(lost.hash())) {
            return true;
        }
        if (!RpcErrors.isNonceConflict(answer.getError())) {
            throw new LedgerUnavailableException("chain node " + client.shownUrl() + " refused transaction "
                    + lost.hash() + " (nonce " + lost.nonce() + "), which it had before and lost: "
                    + answer.getError().getMessage() + "; nothing else is sent at its nonce until it takes it", null);
        }
        LOG.severe(() -> "Transaction " + lost.hash() + " (nonce " + lost.nonce() + " of account " + account
                + "), which chain node " + client.shownUrl() + " had and lost, can never be mined: its nonce went to"
                + " another transaction (" + answer.getError().getMessage() + ")");
        unmined.remove(lost.nonce(), lost);
        abandoned.remove(lost);
        recentlyMined.remove(lost.nonce(), lost);
        return false;
    }

    /** Whether the node knows the transaction {@code hash} (pending or mined). */
    boolean isKnown(Bytes32 hash) throws LedgerUnavailableException {
        EthTransaction known = client.send("look up transaction " + hash,
                client.web3j().ethGetTransactionByHash(hash.toString()));
        return !known.hasError() && known.getTransaction().isPresent();
    }

    private TransactionReceipt awaitReceipt(String what, SentTransaction first, CompletionPolicy policy)
            throws LedgerException {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        long stall = Math.max(SHORTEST_STALL.toNanos(), policy.pollingInterval().toNanos() * POLLS_BEFORE_STALL);
        SentTransaction sent = first;
        boolean lookedBefore = false;
        while (true) {
            try {
                Optional<TransactionReceipt> receipt = receipts.await(sent.hash(), policy.pollingInterval(),
                        Math.min(deadline, System.nanoTime() + stall));
                if (receipt.isPresent()) {
                    keepAsMined(sent, receipt.get().isStatusOK());
                    return receipt.get();
                }
                if (System.nanoTime() - deadline >= 0) {
                    abandoned.add(sent);
                    throw new LedgerUnavailableException("transaction " + sent.hash() + " to " + what
                            + " was not mined within " + policy.timeout() + " (" + nodeView(sent)
                            + "); check that the chain is producing blocks", sent.hash(), null);
                }
                BigInteger mined = nonces.mined();
                settleAbandonedBelow(mined);
                boolean nonceUsed = sent.nonce().compareTo(mined) < 0;
                StallStep step = afterStall(nonceUsed, nonceUsed && nodeHasNeither(sent), lookedBefore);
                lookedBefore = step == StallStep.LOOK_AGAIN;
                switch (step) {
                    case HAND_OVER_GAP -> handOverAgain(sent, mined);
                    case SIGN_AGAIN -> sent = signAgainOrSayNothingIsPending(what, sent);
                    case LOOK_AGAIN, WAIT -> {
                        // nothing to send: look again after the next wait
                    }
                }
            } catch (NothingPending e) {
                throw e.failure;
            } catch (LedgerException e) {
                // whatever ended the wait (an unreadable answer too), the transaction may be mined yet
                abandoned.add(sent);
                throw withPending(e, sent.hash(), "was handed to the node and may still be mined");
            }
        }
    }

    /**
     * {@code e} as a failure that names {@code hash} as pending: once a transaction was handed to the node, a caller
     * told only that the node failed would send it again, and a grant sent twice is two grants.
     */
    private static LedgerUnavailableException withPending(LedgerException e, Bytes32 hash, String state) {
        if (e instanceof LedgerUnavailableException unavailable && unavailable.pendingTransaction().isPresent()) {
            return unavailable;
        }
        return new LedgerUnavailableException(e.getMessage() + "; transaction " + hash + " " + state, hash, e);
    }

    /** What a sender does when its receipt is slow to come. */
    enum StallStep {
        /** Its nonce is not used yet: hand over again whatever the node lost below it (a gap holds it up). */
        HAND_OVER_GAP,
        /** Its nonce is used and the node has it or its receipt: mined since the wait gave up, wait again. */
        WAIT,
        /** Its nonce is used by what the node has not got: a node may count a nonce a moment early, look again. */
        LOOK_AGAIN,
        /** Still so at the second look: it can never be mined, sign it again with a fresh nonce. */
        SIGN_AGAIN
    }

    static StallStep afterStall(boolean nonceUsed, boolean nodeHasNeither, boolean lookedBefore) {
        if (!nonceUsed) {
            return StallStep.HAND_OVER_GAP;
        }
        if (!nodeHasNeither) {
            return StallStep.WAIT;
        }
        return lookedBefore ? StallStep.SIGN_AGAIN : StallStep.LOOK_AGAIN;
    }

    /**
     * Forgets {@code sent} as unmined, and keeps it among the recently mined if it {@code succeeded}, forgetting those
     * {@link #MINED_KEPT} nonces or more below it. A failed one is not kept: handed over again after its block was
     * lost, it could succeed on the state it then meets, where its sender was told it was refused.
     */
    private void keepAsMined(SentTransaction sent, boolean succeeded) {
        unmined.remove(sent.nonce(), sent);
        if (succeeded) {
            recentlyMined.put(sent.nonce(), sent);
            recentlyMined.headMap(sent.nonce().subtract(BigInteger.valueOf(MINED_KEPT)), true).clear();
        }
    }

    /**
     * Settles the unmined transactions below the node's mined count whose waiters gave up (their callers were told
     * they are pending), as those waiters would have: kept among the recently mined when their receipt says they
     * succeeded. Best effort: a receipt not there yet, or not readable, is read at a later stall. The others are left
     * to their own waiters.
     */
    private void settleAbandonedBelow(BigInteger mined) {
        BigInteger forgotten = mined.subtract(BigInteger.valueOf(MINED_KEPT));
        for (SentTransaction earlier : unmined.headMap(mined).values()) {
            if (!abandoned.contains(earlier)) {
                continue;
            }
            if (earlier.nonce().compareTo(forgotten) < 0) {
                unmined.remove(earlier.nonce(), earlier);
                abandoned.remove(earlier);
                continue;
            }
            try {
                Optional<TransactionReceipt> receipt = findReceipt(earlier.hash());
                if (receipt.isPresent()) {
                    keepAsMined(earlier, receipt.get().isStatusOK());
                    abandoned.remove(earlier);
                }
            } catch (LedgerException e) {
                LOG.fine(() -> "the receipt of transaction " + earlier.hash() + " could not be read: " + e);
            }
        }
    }

    /**
     * What the node shows of {@code sent} and the account's nonces, for the operators: whether it holds the
     * transaction, and whether transactions of the account below its nonce are missing (a gap holds it up). Best
     * effort: the node may not answer.
     */
    private String nodeView(SentTransaction sent) {
        try {
            BigInteger mined = nonces.mined();
            return "nonce " + sent.nonce() + " of account " + account + ", of which the node has mined "
                    + mined + " transactions" + (sent.nonce().compareTo(mined) > 0 ? " (nonces " + mined + " to "
                    + sent.nonce().subtract(BigInteger.ONE) + " not mined before it)" : "") + "; the node "
                    + (isKnown(sent.hash()) ? "holds" : "does not know") + " it";
        } catch (LedgerException e) {
            return "nonce " + sent.nonce() + "; the node's view could not be read: " + e.getMessage();
        }
    }

    /** Whether the node has neither {@code sent} nor its receipt. */
    private boolean nodeHasNeither(SentTransaction sent) throws LedgerException {
        return findReceipt(sent.hash()).isEmpty() && !isKnown(sent.hash());
    }

    private SentTransaction signAgain(String what, SentTransaction displaced) throws LedgerException {
        LOG.warning(() -> "Transaction " + displaced.hash() + " to " + what + " can never be mined: nonce "
                + displaced.nonce() + " of account " + account() + " went to another transaction. Signing it again.");
        unmined.remove(displaced.nonce(), displaced);
        recentlyMined.remove(displaced.nonce(), displaced);
        return underSendLock(what, () -> {
            nonces.resynchronise();
            return signAndSend(what, displaced.contract(), displaced.data(), displaced.gasLimit());
        });
    }

    /**
     * {@link #signAgain}; should that fail before its new transaction reached the node, the failure says that
     * nothing is pending: the displaced transaction can never be mined.
     */
    private SentTransaction signAgainOrSayNothingIsPending(String what, SentTransaction displaced)
            throws LedgerException {
        try {
            return signAgain(what, displaced);
        } catch (LedgerException e) {
            if (e instanceof LedgerUnavailableException sent && sent.pendingTransaction().isPresent()) {
                throw e;
            }
            throw new NothingPending(new LedgerUnavailableException(e.getMessage() + "; transaction "
                    + displaced.hash() + " can never be mined (its nonce went to another) and was not sent again",
                    e));
        }
    }

    /** Carries a failure after which no transaction of the call is pending, past the wrapping of the others. */
    private static final class NothingPending extends LedgerException {
        private static final long serialVersionUID = 1L;
        private final transient LedgerUnavailableException failure;

        NothingPending(LedgerUnavailableException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    /**
     * Runs {@code step} holding the send lock, waiting for it {@link #SEND_LOCK_PATIENCE} at most: behind a sender
     * whose chain node does not answer, a caller is told that nothing was sent instead of waiting for ever (a
     * proxy's request threads, each waiting for its access log, would otherwise pile up).
     */
    private SentTransaction underSendLock(String what, SendStep step) throws LedgerException {
        try {
            if (!sendLock.tryLock(SEND_LOCK_PATIENCE.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LedgerUnavailableException("another transaction of account " + account + " has been on its"
                        + " way to chain node " + client.shownUrl() + " for more than " + SEND_LOCK_PATIENCE.toSeconds()
                        + " s: nothing was sent to " + what + "; try again once the node answers", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting to send the transaction to " + what
                    + ": nothing was sent", e);
        }
        try {
            return step.run();
        } finally {
            sendLock.unlock();
        }
    }

    /** A step that signs and hands over a transaction. */
    @FunctionalInterface
    private interface SendStep {
        SentTransaction run() throws LedgerException;
    }

    /**
     * Hands every transaction from nonce {@code mined} up to {@code sent} (whose nonce is not used yet) that the node
     * does not know (a gap that holds up all later nonces) to the node again, unchanged: the unmined ones, and, when
     * with them every nonce of the gap is held, the recently mined ones whose blocks the node lost. Where a nonce has
     * both (the mined one lost, its nonce since given to another), the later one is handed over.
     */
    private void handOverAgain(SentTransaction sent, BigInteger mined) throws LedgerException {
        NavigableMap<BigInteger, SentTransaction> gap =
                new TreeMap<>(recentlyMined.subMap(mined, true, sent.nonce(), true));
        gap.putAll(unmined.subMap(mined, true, sent.nonce(), true));
        if (gap.size() <= sent.nonce().subtract(mined).longValueExact()) {
            // a nonce of the gap is held by neither (a failed transaction's, another user's of the account): the
            // mined ones would wait in the node's pool behind it, to be mined whenever it fills, so only the unmined
            gap = unmined.subMap(mined, true, sent.nonce(), true);
        }
        for (SentTransaction earlier : gap.values()) {
            if (isKnown(earlier.hash())) {
                continue;
            }
            LOG.info(() -> "Chain node " + client.shownUrl() + " does not know transaction " + earlier.hash()
                    + " (nonce " + earlier.nonce() + " of account " + account() + "); handing it over again");
            EthSendTransaction answer = client.send("send transaction " + earlier.hash() + " again",
                    client.web3j().ethSendRawTransaction(Numeric.toHexString(earlier.signed())));
            if (answer.hasError()) {
                LOG.fine(() -> "transaction " + earlier.hash() + " was refused again: "
                        + answer.getError().getMessage());
            }
        }
    }

    private void awaitConfirmations(String what, Bytes32 hash, BigInteger block, CompletionPolicy policy)
            throws LedgerException {
        if (policy.confirmations() == 0) {
            return;
        }
        BigInteger wanted = block.add(BigInteger.valueOf(policy.confirmations()));
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        while (latestBlockNumber(hash).compareTo(wanted) < 0) {
            if (System.nanoTime() > deadline) {
                throw new LedgerUnavailableException("transaction " + hash + " to " + what + " was mined in block "
                        + block + " but did not get " + policy.confirmations() + " confirmations within "
                        + policy.timeout(), hash, null);
            }
            sleep(policy.pollingInterval(), hash);
        }
    }

    private BigInteger latestBlockNumber(Bytes32 pending) throws LedgerUnavailableException {
        EthBlockNumber answer = client.send("read the latest block number", client.web3j().ethBlockNumber());
        if (answer.hasError()) {
            throw new LedgerUnavailableException("chain node " + client.shownUrl() + " refused to give the latest "
                    + "block number while transaction " + pending + " awaited its confirmations: "
                    + answer.getError().getMessage(), pending, null);
        }
        try {
            return answer.getBlockNumber();
        } catch (RuntimeException unreadable) {
            throw new LedgerUnavailableException("chain node " + client.shownUrl() + " gave a latest block number "
                    + "that cannot be read while transaction " + pending + " awaited its confirmations", pending,
                    unreadable);
        }
    }

    /**
     * A mined transaction failed: it ran out of gas, or else the contract refused it, whose reason a replay as a call
     * on its block tells (the call has no gas limit, so it cannot tell an exhausted limit).
     */
    private LedgerException failure(String what, String contract, String data, BigInteger gasLimit,
            TransactionReceipt receipt) {
        if (ranOutOfGas(receipt.getGasUsed(), gasLimit)) {
            return new TransactionOutOfGasException("transaction " + receipt.getTransactionHash() + " to " + what
                    + " ran out of gas in block " + receipt.getBlockNumber() + " (used " + receipt.getGasUsed()
                    + " of its limit " + gasLimit + ", estimated before it was sent): nothing changed; sent again,"
                    + " it is estimated anew");
        }
        try {
            caller.callRaw(what, contract, data, DefaultBlockParameter.valueOf(receipt.getBlockNumber()));
        } catch (ContractRefusalException refusal) {
            return refusal;
        } catch (LedgerException unreadable) {
            // reverted all the same: a refusal, whose reason the replay could not read
            return new ContractRefusalException(AbiRevertDecoder.UNNAMED, "transaction "
                    + receipt.getTransactionHash() + " to " + what + " failed in block " + receipt.getBlockNumber()
                    + "; its reason could not be read: " + unreadable.getMessage());
        }
        return new ContractRefusalException(AbiRevertDecoder.UNNAMED, "transaction " + receipt.getTransactionHash()
                + " to " + what + " failed in block " + receipt.getBlockNumber() + " (gas used " + receipt.getGasUsed()
                + ") without a reason the contract states");
    }

    /**
     * Whether a failed transaction that used {@code used} gas of {@code limit} ran out of it: all of it, or (a call
     * inside it that ran out, the caller keeping the 1/64 EIP-150 holds back, then failing) at least 63/64 of it. A
     * contract's refusal returns the gas it did not use.
     */
    static boolean ranOutOfGas(BigInteger used, BigInteger limit) {
        return used.shiftLeft(6).compareTo(limit.multiply(BigInteger.valueOf(63))) >= 0;
    }

    /** A signed transaction handed to the node, kept until it is mined. */
    private record SentTransaction(BigInteger nonce, Bytes32 hash, byte[] signed, String contract, String data,
            BigInteger gasLimit) {
    }

    /** Where the signing chain id comes from (looked up lazily, so the node may be down at start). */
    @FunctionalInterface
    interface ChainIdSource {
        long chainId() throws LedgerException;
    }

    private static void sleep(Duration duration, Bytes32 hash) throws LedgerUnavailableException {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for transaction " + hash, hash, e);
        }
    }
}
