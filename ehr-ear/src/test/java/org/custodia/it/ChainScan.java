package org.custodia.it;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.custodia.ledger.deploy.ChainClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;

/** Reads what the test chain holds, as the chain operator could: every transaction and every contract event. */
final class ChainScan implements AutoCloseable {

    private final ChainClient chain;

    /** The integration tests' chain node. */
    ChainScan() {
        this(LocalChain.node().rpcUrl());
    }

    ChainScan(String rpcUrl) {
        this.chain = ChainClient.connect(rpcUrl);
    }

    long latestBlock() {
        try {
            return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException("the test chain does not answer", e);
        }
    }

    /** Every transaction in blocks {@code from} to the latest. */
    List<Transaction> transactionsSince(long from) {
        Web3j web3j = chain.web3j();
        List<Transaction> transactions = new ArrayList<>();
        try {
            for (long number = from; number <= latestBlock(); number++) {
                EthBlock.Block block = web3j.ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), true).send().getBlock();
                for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
                    transactions.add((Transaction) result.get());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test chain's blocks", e);
        }
        return transactions;
    }

    /** Every event any contract emitted, from the first block on. */
    List<Log> allEvents() {
        try {
            EthLog logs = chain.web3j().ethGetLogs(new EthFilter(DefaultBlockParameterName.EARLIEST,
                    DefaultBlockParameterName.LATEST, List.of())).send();
            return logs.getLogs().stream().map(result -> (Log) result.get()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test chain's events", e);
        }
    }

    /** The bytes a transaction carries as input (calldata or deployment code). */
    /** Whether {@code needle} occurs in {@code haystack}, byte for byte. */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static byte[] input(Transaction transaction) {
        return hex(transaction.getInput());
    }

    /** The bytes of an event: its topics and its data. */
    static byte[] content(Log log) {
        StringBuilder all = new StringBuilder();
        log.getTopics().forEach(topic -> all.append(strip(topic)));
        all.append(strip(log.getData()));
        return HexFormat.of().parseHex(all);
    }

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(strip(value));
    }

    private static String strip(String value) {
        return value == null ? "" : value.startsWith("0x") ? value.substring(2) : value;
    }

    @Override
    public void close() {
        chain.close();
    }
}
