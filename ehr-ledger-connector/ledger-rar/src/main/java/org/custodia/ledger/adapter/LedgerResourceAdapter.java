package org.custodia.ledger.adapter;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import javax.transaction.xa.XAResource;

import org.custodia.ledger.adapter.chain.ContractAddresses;
import org.custodia.ledger.adapter.chain.LedgerNode;
import org.custodia.ledger.adapter.chain.NodeConfig;
import org.custodia.ledger.adapter.chain.RetryPolicy;
import org.custodia.ledger.adapter.inbound.EventSubscription;
import org.custodia.ledger.adapter.inbound.FileCheckpointStore;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.deploy.NodeWallet;
import org.web3j.crypto.Credentials;

/**
 * The ledger resource adapter: one chain node link (RPC client, signing account, nonce manager) shared by all
 * outbound connections, and one event subscription per activated message-driven bean.
 *
 * <p>Every setting may be given as a config property here or, when left empty, as the MicroProfile Config
 * property {@code custodia.ledger.<name>} (names in the README). The adapter starts even when the settings are
 * incomplete or the node is down, so the application deploys; connections then fail with a
 * {@link LedgerConfigurationException} that says what is missing.
 */
@Connector(displayName = "Custodia ledger adapter", vendorName = "Custodia", eisType = "Ethereum JSON-RPC ledger",
        version = "1.0", transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        description = "Access contracts on the consortium chain: outbound connections and inbound contract events")
public class LedgerResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(LedgerResourceAdapter.class.getName());

    @ConfigProperty(description = "JSON-RPC URL of the chain node (custodia.ledger.rpc-url); default http://127.0.0.1:8545")
    private String rpcUrl;
    @ConfigProperty(description = "Chain id the node must serve (custodia.ledger.chain-id); default: the node's")
    private Long chainId;
    @ConfigProperty(description = "Address of the ConsortiumRegistry contract (custodia.ledger.consortium-registry)")
    private String consortiumRegistry;
    @ConfigProperty(description = "Address of the RecordRegistry contract (custodia.ledger.record-registry)")
    private String recordRegistry;
    @ConfigProperty(description = "Address of the ConsentRegistry contract (custodia.ledger.consent-registry)")
    private String consentRegistry;
    @ConfigProperty(description = "Web3j wallet JSON file holding this node's account key (custodia.ledger.keystore-file)")
    private String keystoreFile;
    @ConfigProperty(description = "Password of the keystore file, e.g. ${ALIAS=custodia-ledger-key} (custodia.ledger.keystore-password)",
            confidential = true)
    private String keystorePassword;
    @ConfigProperty(description = "Gas price in wei (custodia.ledger.gas-price); default 0 for a free-gas network")
    private Long gasPrice;
    @ConfigProperty(description = "Timeout of one RPC request in ms (custodia.ledger.request-timeout-millis); default 10000")
    private Long requestTimeoutMillis;
    @ConfigProperty(description = "Retries of an RPC request after an I/O error (custodia.ledger.rpc-retries); default 3")
    private Integer rpcRetries;
    @ConfigProperty(description = "Wait before the first retry in ms, doubled for each further one (custodia.ledger.retry-backoff-millis); default 200")
    private Long retryBackoffMillis;
    @ConfigProperty(description = "Least time in ms between two anchor transactions that are not full, 0 for none (custodia.ledger.anchor-interval-millis); default 100")
    private Long anchorIntervalMillis;
    @ConfigProperty(description = "Directory of the inbound event checkpoints (custodia.ledger.checkpoint-directory); default <domain>/data/custodia-ledger-checkpoints")
    private String checkpointDirectory;

    private transient WorkManager workManager;
    private transient volatile LedgerNode node;
    private transient volatile LedgerConfigurationException configurationProblem;
    private transient FileCheckpointStore checkpoints;
    private final transient Map<MessageEndpointFactory, EventSubscription> subscriptions = new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = context == null ? null : context.getWorkManager();
        checkpoints = new FileCheckpointStore(checkpointPath());
        try {
            node = startNode();
            LOG.info(() -> "ledger adapter started for chain node " + node.client().shownUrl() + " as account "
                    + node.account());
        } catch (LedgerConfigurationException e) {
            configurationProblem = e;
            LOG.warning("ledger adapter started without a chain link: " + e.getMessage());
        }
    }

    private LedgerNode startNode() throws LedgerConfigurationException {
        NodeConfig config = nodeConfig();
        try {
            return new LedgerNode(config);
        } catch (IllegalArgumentException e) {
            // e.g. the signer refusing the keystore's key as no secp256k1 private key
            throw new LedgerConfigurationException("ledger adapter setting is invalid (account keystore "
                    + ConfiguredValue.of(keystoreFile, "keystore-file").orElse("") + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        subscriptions.values().forEach(EventSubscription::stop);
        subscriptions.clear();
        LedgerNode current = node;
        node = null;
        if (current != null) {
            current.close();
        }
    }

    /** The shared chain link. */
    LedgerNode node() throws LedgerConfigurationException {
        LedgerNode current = node;
        if (current != null) {
            return current;
        }
        throw configurationProblem != null ? configurationProblem
                : new LedgerConfigurationException("the ledger resource adapter is not started");
    }

    /** How each activated message-driven bean's event delivery keeps up, by subscription name. */
    List<EventDeliveryStatus> eventDeliveries() {
        return subscriptions.values().stream().map(EventSubscription::status)
                .sorted(Comparator.comparing(EventDeliveryStatus::subscription)).toList();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof LedgerActivationSpec activation)) {
            throw new ResourceException("unsupported activation spec " + spec.getClass().getName());
        }
        activation.validate();
        if (workManager == null) {
            throw new ResourceException("the ledger adapter has no work manager; it was started outside a container");
        }
        EventSubscription subscription;
        try {
            subscription = new EventSubscription(node(), factory, activation.filter(),
                    checkpoints.forName(activation.getCheckpointName()));
        } catch (LedgerConfigurationException e) {
            // the application still deploys (the chain-node readiness check names the problem); events are
            // delivered from the checkpoint once the configuration is fixed and the application restarted
            LOG.warning("ledger events are not delivered to " + activation.getCheckpointName() + " until the"
                    + " configuration is fixed and the application restarted: " + e.getMessage());
            return;
        }
        try {
            workManager.scheduleWork(subscription, WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new ResourceException("cannot schedule ledger event delivery for " + activation.getCheckpointName(),
                    e);
        }
        subscriptions.put(factory, subscription);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        EventSubscription subscription = subscriptions.remove(factory);
        if (subscription != null) {
            subscription.stop();
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    private NodeConfig nodeConfig() throws LedgerConfigurationException {
        try {
            String url = ConfiguredValue.of(rpcUrl, "rpc-url").orElse("http://127.0.0.1:8545");
            Optional<String> chain = ConfiguredValue.of(chainId, "chain-id");
            OptionalLong expectedChain = chain.isPresent()
                    ? OptionalLong.of(ConfiguredValue.asLong(chain, "chain-id", 0)) : OptionalLong.empty();
            ContractAddresses contracts = new ContractAddresses(address(consortiumRegistry, "consortium-registry"),
                    address(recordRegistry, "record-registry"), address(consentRegistry, "consent-registry"));
            return new NodeConfig(url, expectedChain, contracts, credentials(),
                    BigInteger.valueOf(ConfiguredValue.asLong(ConfiguredValue.of(gasPrice, "gas-price"), "gas-price", 0)),
                    Duration.ofMillis(ConfiguredValue.asLong(ConfiguredValue.of(requestTimeoutMillis,
                            "request-timeout-millis"), "request-timeout-millis", 10_000)),
                    new RetryPolicy((int) ConfiguredValue.asLong(ConfiguredValue.of(rpcRetries, "rpc-retries"),
                            "rpc-retries", 3), Duration.ofMillis(ConfiguredValue.asLong(
                                    ConfiguredValue.of(retryBackoffMillis, "retry-backoff-millis"),
                                    "retry-backoff-millis", 200))),
                    Duration.ofMillis(ConfiguredValue.asLong(ConfiguredValue.of(anchorIntervalMillis,
                            "anchor-interval-millis"), "anchor-interval-millis",
                            NodeConfig.DEFAULT_ANCHOR_INTERVAL.toMillis())));
        } catch (IllegalArgumentException e) {
            throw new LedgerConfigurationException("ledger adapter setting is invalid: " + e.getMessage(), e);
        }
    }

    private static LedgerAddress address(String explicit, String name) throws LedgerConfigurationException {
        String value = ConfiguredValue.of(explicit, name).orElseThrow(() -> new LedgerConfigurationException(
                "the " + name + " contract address is not configured: set " + ConfiguredValue.PREFIX + name
                        + " (written by server-config/bin/deploy-contracts.sh)"));
        try {
            return LedgerAddress.fromHex(value);
        } catch (IllegalArgumentException e) {
            throw new LedgerConfigurationException(ConfiguredValue.PREFIX + name + " is not an address: "
                    + e.getMessage(), e);
        }
    }

    private Credentials credentials() throws LedgerConfigurationException {
        String file = ConfiguredValue.of(keystoreFile, "keystore-file").orElseThrow(() ->
                new LedgerConfigurationException("no account keystore is configured: set "
                        + ConfiguredValue.PREFIX + "keystore-file to this node's web3j wallet file"));
        String password = ConfiguredValue.of(keystorePassword, "keystore-password").orElseThrow(() ->
                new LedgerConfigurationException("no password for the account keystore " + file + " is configured: set "
                        + ConfiguredValue.PREFIX + "keystore-password (e.g. from a password alias)"));
        try {
            return NodeWallet.open(password, Path.of(file));
        } catch (NodeWallet.WalletException e) {
            throw new LedgerConfigurationException("cannot load the account keystore: " + e.getMessage() + " ("
                    + ConfiguredValue.PREFIX + "keystore-file, " + ConfiguredValue.PREFIX + "keystore-password)");
        }
    }

    private Path checkpointPath() {
        return Path.of(ConfiguredValue.of(checkpointDirectory, "checkpoint-directory").orElseGet(() -> {
            String domain = System.getProperty("com.sun.aas.instanceRoot");
            return domain != null ? Path.of(domain, "data", "custodia-ledger-checkpoints").toString()
                    : Path.of(System.getProperty("java.io.tmpdir"), "custodia-ledger-checkpoints").toString();
        }));
    }

    public String getRpcUrl() {
        return rpcUrl;
    }

    public void setRpcUrl(String rpcUrl) {
        this.rpcUrl = rpcUrl;
    }

    public Long getChainId() {
        return chainId;
    }

    public void setChainId(Long chainId) {
        this.chainId = chainId;
    }

    public String getConsortiumRegistry() {
        return consortiumRegistry;
    }

    public void setConsortiumRegistry(String consortiumRegistry) {
        this.consortiumRegistry = consortiumRegistry;
    }

    public String getRecordRegistry() {
        return recordRegistry;
    }

    public void setRecordRegistry(String recordRegistry) {
        this.recordRegistry = recordRegistry;
    }

    public String getConsentRegistry() {
        return consentRegistry;
    }

    public void setConsentRegistry(String consentRegistry) {
        this.consentRegistry = consentRegistry;
    }

    public String getKeystoreFile() {
        return keystoreFile;
    }

    public void setKeystoreFile(String keystoreFile) {
        this.keystoreFile = keystoreFile;
    }

    public String getKeystorePassword() {
        return keystorePassword;
    }

    public void setKeystorePassword(String keystorePassword) {
        this.keystorePassword = keystorePassword;
    }

    public Long getGasPrice() {
        return gasPrice;
    }

    public void setGasPrice(Long gasPrice) {
        this.gasPrice = gasPrice;
    }

    public Long getRequestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    public void setRequestTimeoutMillis(Long requestTimeoutMillis) {
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    public Integer getRpcRetries() {
        return rpcRetries;
    }

    public void setRpcRetries(Integer rpcRetries) {
        this.rpcRetries = rpcRetries;
    }

    public Long getRetryBackoffMillis() {
        return retryBackoffMillis;
    }

    public void setRetryBackoffMillis(Long retryBackoffMillis) {
        this.retryBackoffMillis = retryBackoffMillis;
    }

    public Long getAnchorIntervalMillis() {
        return anchorIntervalMillis;
    }

    public void setAnchorIntervalMillis(Long anchorIntervalMillis) {
        this.anchorIntervalMillis = anchorIntervalMillis;
    }

    public String getCheckpointDirectory() {
        return checkpointDirectory;
    }

    public void setCheckpointDirectory(String checkpointDirectory) {
        this.checkpointDirectory = checkpointDirectory;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
