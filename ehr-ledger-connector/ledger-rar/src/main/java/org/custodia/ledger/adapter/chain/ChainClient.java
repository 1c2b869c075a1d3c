package org.custodia.ledger.adapter.chain;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

import okhttp3.OkHttpClient;
import org.custodia.ledger.api.ChainNodeUrl;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * The JSON-RPC client for one chain node. Requests that fail with an I/O error (node down, connection refused,
 * timeout) or an HTTP error answer (a gateway in front of the node answering 502 or 504) are repeated according to
 * the {@link RetryPolicy}; a JSON-RPC error answer is neither and is returned to the caller as is. Only standard {@code eth_*} methods are used, so any Ethereum node serves.
 *
 * <p>{@link #close()} releases the HTTP client's threads and connections.
 */
public final class ChainClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChainClient.class.getName());

    private final String shownUrl;
    private final RetryPolicy retryPolicy;
    private final OkHttpClient http;
    private final Web3j web3j;

    public ChainClient(String rpcUrl, Duration requestTimeout, RetryPolicy retryPolicy) {
        this.shownUrl = ChainNodeUrl.shown(rpcUrl);
        this.retryPolicy = retryPolicy;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(requestTimeout)
                .readTimeout(requestTimeout)
                .writeTimeout(requestTimeout)
                .retryOnConnectionFailure(false)
                .build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-rpc-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.web3j = Web3j.build(new HttpService(rpcUrl, http), requestTimeout.toMillis(), scheduler);
    }

    /** The web3j view of the node, for building requests; send them with {@link #send}. */
    public Web3j web3j() {
        return web3j;
    }

    /** The node's URL as messages and logs show it, without any credential it carries ({@link ChainNodeUrl}). */
    public String shownUrl() {
        return shownUrl;
    }

    /**
     * Sends {@code request}, repeating it after I/O errors and HTTP error answers.
     *
     * @param what what the request does, for the operator ("read the latest block number")
     * @throws LedgerUnavailableException when every attempt failed so
     */
    public <T extends Response<?>> T send(String what, Request<?, T> request) throws LedgerUnavailableException {
        return withRetries(what, request::send);
    }

    /**
     * Sends {@code batch} as one JSON-RPC batch, repeating it after I/O errors. The answers may come in any order
     * (JSON-RPC does not promise one), so callers match them by content, not by position.
     */
    public BatchResponse sendBatch(String what, BatchRequest batch) throws LedgerUnavailableException {
        return withRetries(what, batch::send);
    }

    private <T> T withRetries(String what, RpcCall<T> call) throws LedgerUnavailableException {
        Exception last = null;
        for (int attempt = 0; attempt <= retryPolicy.retries(); attempt++) {
            if (attempt > 0) {
                pause(retryPolicy.delayBefore(attempt), what);
            }
            try {
                return call.send();
            } catch (IOException | ClientConnectionException e) {
                // web3j reports an HTTP error status as an unchecked ClientConnectionException: the node (or the
                // gateway before it) may have taken a request it answered so, a sent transaction included
                last = e;
                LOG.log(Level.FINE, "attempt {0} to {1} failed: {2}", new Object[] {attempt + 1, what, e});
            }
        }
        throw unavailable(what, last);
    }

    @FunctionalInterface
    private interface RpcCall<T> {
        T send() throws IOException;
    }

    /** The exception for a node that did not answer; names the node and what was attempted. */
    private LedgerUnavailableException unavailable(String what, Exception cause) {
        return new LedgerUnavailableException("chain node " + shownUrl + " did not answer when trying to " + what
                + " (" + (retryPolicy.retries() + 1) + " attempts): " + cause.getMessage()
                + "; check that the node is running and reachable", cause);
    }

    private void pause(Duration delay, String what) throws LedgerUnavailableException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting to retry: " + what, e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
