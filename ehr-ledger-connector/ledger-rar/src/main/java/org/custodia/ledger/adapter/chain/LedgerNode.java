package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * This node's link to the chain: one RPC client, one signing account with its nonce manager and its message
 * signer, the records already read anchored ({@link AnchoredRecords}), and the contract wrappers (used to encode calls and decode answers; they never send anything
 * themselves). Thread-safe; shared by all connections of a resource adapter and closed with it.
 *
 * <p>The node is not contacted on creation, so an application deploys while the chain is down; the chain id and
 * the presence of the contracts are checked on first use.
 */
public final class LedgerNode implements AutoCloseable {

    /** The most items in one batch transaction: the registries' {@code MAX_BATCH} and {@code MAX_LOG_BATCH}. */
    private static final int BATCH = 32;
    private static final int BATCHES_IN_FLIGHT = 8;

    private final NodeConfig config;
    private final ChainClient client;
    private final TransactionSender sender;
    private final ContractCaller caller;
    private final MessageSigner signer;
    private final AbiRevertDecoder revertDecoder;
    private final ConsortiumRegistry consortium;
    private final RecordRegistry records;
    private final ConsentRegistry consent;
    /**
     * Paced ({@link NodeConfig#anchorInterval()}): nobody waits for an anchor (uploads return before it), so anchors
     * that arrive in quick succession share one transaction, and the chain mines a block for many instead of one for
     * a few. Access logs, which a retrieval waits for, are not paced.
     */
    private final TransactionBatcher<RecordAnchor, TransactionResult> anchors;
    private final TransactionBatcher<AccessToLog, Issued> accessLogs =
            new TransactionBatcher<>(BATCH, BATCHES_IN_FLIGHT, Duration.ZERO);
    private final AnchoredRecords anchoredRecords = new AnchoredRecords(AnchoredRecords.DEFAULT_CAPACITY);
    private volatile Long chainId;
    private volatile boolean contractsVerified;
    /** Set once the record registry showed it was deployed before it could count and read parts of a list. */
    private volatile boolean recordListsWholeOnly;

    public LedgerNode(NodeConfig config) {
        this.config = config;
        this.anchors = new TransactionBatcher<>(BATCH, BATCHES_IN_FLIGHT, config.anchorInterval());
        this.client = new ChainClient(config.rpcUrl(), config.requestTimeout(), config.retryPolicy());
        this.revertDecoder = AbiRevertDecoder.fromContractAbis();
        RecoverableSigner key = new RecoverableSigner(config.credentials().getEcKeyPair());
        String account = config.credentials().getAddress();
        this.sender = new TransactionSender(client, account, key, this::chainId, config.gasPrice(), revertDecoder);
        this.caller = new ContractCaller(client, account, revertDecoder);
        this.signer = new MessageSigner(key);
        TransactionManager encodeOnly = new ReadonlyTransactionManager(client.web3j(), sender.account());
        StaticGasProvider unused = new StaticGasProvider(config.gasPrice(), BigInteger.ZERO);
        ContractAddresses addresses = config.contracts();
        this.consortium = ConsortiumRegistry.load(addresses.consortiumRegistry().toString(), client.web3j(),
                encodeOnly, unused);
        this.records = RecordRegistry.load(addresses.recordRegistry().toString(), client.web3j(), encodeOnly, unused);
        this.consent = ConsentRegistry.load(addresses.consentRegistry().toString(), client.web3j(), encodeOnly,
                unused);
    }

    public LedgerAddress account() {
        return LedgerAddress.fromHex(sender.account());
    }

    public ChainClient client() {
        return client;
    }

    public AbiRevertDecoder revertDecoder() {
        return revertDecoder;
    }

    public ContractAddresses contracts() {
        return config.contracts();
    }

    /** Signs a message with the account key (see {@link MessageSigner}); no RPC. */
    byte[] sign(byte[] message) {
        return signer.sign(message);
    }

    TransactionSender sender() {
        return sender;
    }

    ContractCaller caller() {
        return caller;
    }

    ConsortiumRegistry consortium() {
        return consortium;
    }

    RecordRegistry records() {
        return records;
    }

    ConsentRegistry consent() {
        return consent;
    }

    TransactionBatcher<RecordAnchor, TransactionResult> anchors() {
        return anchors;
    }

    TransactionBatcher<AccessToLog, Issued> accessLogs() {
        return accessLogs;
    }

    AnchoredRecords anchoredRecords() {
        return anchoredRecords;
    }

    /**
     * Whether the record registry may count a patient's records and read a part of their list: until it answers
     * that it has no such function, after which it is not asked again (deployed contracts do not change).
     */
    boolean recordListsInParts() {
        return !recordListsWholeOnly;
    }

    void recordListsWholeOnly() {
        recordListsWholeOnly = true;
    }

    /** The chain id: the configured one, checked against the node once, or else the node's. */
    public long chainId() throws LedgerException {
        Long known = chainId;
        if (known != null) {
            return known;
        }
        EthChainId answer = client.send("read the chain id", client.web3j().ethChainId());
        if (answer.hasError()) {
            throw new LedgerUnavailableException("chain node " + client.shownUrl() + " did not give its chain id: "
                    + answer.getError().getMessage(), null);
        }
        long actual = answer.getChainId().longValueExact();
        if (config.chainId().isPresent() && config.chainId().getAsLong() != actual) {
            throw new LedgerConfigurationException("chain node " + client.shownUrl() + " serves chain id " + actual
                    + " but the adapter is configured for chain id " + config.chainId().getAsLong()
                    + "; point it at the right node or correct the chain id");
        }
        chainId = actual;
        return actual;
    }

    /** Checks once that code is deployed at each configured contract address. */
    void verifyContracts() throws LedgerException {
        if (contractsVerified) {
            return;
        }
        ContractAddresses addresses = config.contracts();
        Map<String, LedgerAddress> expected = Map.of("consortium registry", addresses.consortiumRegistry(),
                "record registry", addresses.recordRegistry(), "consent registry", addresses.consentRegistry());
        for (Map.Entry<String, LedgerAddress> contract : expected.entrySet()) {
            String address = contract.getValue().toString();
            EthGetCode code = client.send("read the code of the " + contract.getKey(),
                    client.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST));
            if (code.hasError() || code.getCode() == null || code.getCode().equals("0x")) {
                throw new LedgerConfigurationException("no contract is deployed at " + address + " (the configured "
                        + contract.getKey() + ") on chain node " + client.shownUrl()
                        + "; deploy the contracts or correct the configured address");
            }
        }
        contractsVerified = true;
    }

    @Override
    public void close() {
        client.close();
    }
}
