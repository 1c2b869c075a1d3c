package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;

import org.custodia.ledger.api.LedgerUnavailableException;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;

/**
 * Hands out the nonces of one account. The first nonce, and the first after {@link #resynchronise()}, comes from
 * the node ({@code eth_getTransactionCount(pending)}); later ones are counted locally. Not thread-safe on its own:
 * {@link TransactionSender} uses it under its send lock, so nonces reach the node in order ({@link #mined()}, which
 * keeps no state, excepted).
 */
final class NonceManager {

    private final ChainClient client;
    private final String account;
    private BigInteger next;

    NonceManager(ChainClient client, String account) {
        this.client = client;
        this.account = account;
    }

    /** The next nonce to use; call {@link #commit()} once a transaction with it was accepted by the node. */
    BigInteger peek() throws LedgerUnavailableException {
        if (next == null) {
            next = count(DefaultBlockParameterName.PENDING);
        }
        return next;
    }

    /** How many transactions of the account are mined: the lowest nonce still free on chain. Thread-safe. */
    BigInteger mined() throws LedgerUnavailableException {
        return count(DefaultBlockParameterName.LATEST);
    }

    private BigInteger count(DefaultBlockParameterName block) throws LedgerUnavailableException {
        EthGetTransactionCount count = client.send("read the transaction count of account " + account,
                client.web3j().ethGetTransactionCount(account, block));
        if (count.hasError()) {
            throw new LedgerUnavailableException("chain node " + client.shownUrl()
                    + " refused to give the transaction count of account " + account + ": "
                    + count.getError().getMessage(), null);
        }
        return count.getTransactionCount();
    }

    void commit() {
        next = next.add(BigInteger.ONE);
    }

    /** Forgets the local count, so the next nonce comes from the node again. */
    void resynchronise() {
        next = null;
    }
}
