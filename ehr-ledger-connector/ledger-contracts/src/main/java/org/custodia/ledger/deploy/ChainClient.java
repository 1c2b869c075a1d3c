package org.custodia.ledger.deploy;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;

import okhttp3.OkHttpClient;
import org.custodia.ledger.api.ChainNodeUrl;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A JSON-RPC connection to a permissioned chain for deploying and administering the contracts. It asks the node
 * for its chain id and gas price once (zero on a free-gas network such as the Besu QBFT network or anvil started
 * with {@code --gas-price 0}), signs transactions locally as legacy transactions and polls receipts at a short
 * interval instead of web3j's 15 s default.
 */
public final class ChainClient implements AutoCloseable {

    /** Enough for deploying the largest registry; far below the block gas limit of the Besu genesis. */
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(6_000_000);
    private static final Duration RECEIPT_POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Web3j web3j;
    private final long chainId;
    private final ContractGasProvider gasProvider;

    private ChainClient(Web3j web3j, long chainId, BigInteger gasPrice) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.gasProvider = new StaticGasProvider(gasPrice, GAS_LIMIT);
    }

    /**
     * Connects to the node at {@code rpcUrl}. The HTTP client is this class's own: web3j's default one logs every
     * request, URL and signed transaction included, whenever debug logging is on.
     *
     * @throws DeploymentException if the node does not answer
     */
    public static ChainClient connect(String rpcUrl) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(REQUEST_TIMEOUT).readTimeout(REQUEST_TIMEOUT)
                .writeTimeout(REQUEST_TIMEOUT).build();
        Web3j web3j = Web3j.build(new HttpService(rpcUrl, http));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            return new ChainClient(web3j, chainId, gasPrice);
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new DeploymentException("the chain node at " + ChainNodeUrl.shown(rpcUrl)
                    + " does not answer JSON-RPC: " + e.getMessage(), e);
        }
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public ContractGasProvider gasProvider() {
        return gasProvider;
    }

    /** A transaction manager that signs as {@code account} and waits for receipts with short polling. */
    public TransactionManager transactionManager(Credentials account) {
        long interval = RECEIPT_POLL_INTERVAL.toMillis();
        int attempts = (int) (RECEIPT_TIMEOUT.toMillis() / interval);
        return new RawTransactionManager(web3j, account, chainId,
                new PollingTransactionReceiptProcessor(web3j, interval, attempts));
    }

    /** Whether a contract (non-empty code) is deployed at {@code address}. */
    public boolean hasCode(String address) {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && !code.isEmpty() && !"0x".equals(code);
        } catch (IOException e) {
            throw new DeploymentException("cannot read the code at " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
