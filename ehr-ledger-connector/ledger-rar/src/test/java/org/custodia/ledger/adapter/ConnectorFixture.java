package org.custodia.ledger.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.testing.AnvilNode;
import org.custodia.ledger.testing.DeployedContracts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * A chain with the access contracts and the ledger resource adapter configured against it, outside a container
 * (unpooled connections; the container's connection manager is the only part not present).
 *
 * <p>Dev account 0 deployed the contracts and administers the consortium; accounts 1 and 2 are hospitals,
 * account 3 is a proxy, account 4 is not a member.
 */
final class ConnectorFixture implements AutoCloseable {

    static final int ADMIN = 0;
    static final int HOSPITAL_A = 1;
    static final int HOSPITAL_B = 2;
    static final int PROXY = 3;
    static final int OUTSIDER = 4;

    private static final String PASSWORD = "fixture-keystore-password";

    private final AnvilNode anvil;
    private final DeployedContracts contracts;
    private final Path keystores;

    ConnectorFixture(AnvilNode anvil, Path keystores) {
        this.anvil = anvil;
        this.keystores = keystores;
        this.contracts = DeployedContracts.deploy(anvil, List.of(
                DeployedContracts.memberSpec(anvil, HOSPITAL_A, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(anvil, HOSPITAL_B, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(anvil, PROXY, MemberRole.PROXY)));
    }

    AnvilNode anvil() {
        return anvil;
    }

    DeployedContracts contracts() {
        return contracts;
    }

    LedgerAddress address(int account) {
        return LedgerAddress.fromHex(contracts.account(account).getAddress());
    }

    /** A resource adapter signing as dev account {@code account}, started without a container. */
    LedgerResourceAdapter adapter(int account) {
        return adapter(account, null);
    }

    /** As {@link #adapter(int)}, with {@code context} standing in for the container's (null: none). */
    LedgerResourceAdapter adapter(int account, BootstrapContext context) {
        LedgerResourceAdapter adapter = configured(account);
        try {
            adapter.start(context);
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        return adapter;
    }

    /** A resource adapter configured as {@link #adapter(int)} makes it, not yet started. */
    LedgerResourceAdapter configured(int account) {
        LedgerResourceAdapter adapter = new LedgerResourceAdapter();
        adapter.setRpcUrl(anvil.rpcUrl());
        adapter.setChainId(anvil.chainId());
        adapter.setConsortiumRegistry(contracts.addresses().consortiumRegistry());
        adapter.setRecordRegistry(contracts.addresses().recordRegistry());
        adapter.setConsentRegistry(contracts.addresses().consentRegistry());
        adapter.setKeystoreFile(keystoreOf(account).toString());
        adapter.setKeystorePassword(PASSWORD);
        adapter.setRpcRetries(2);
        adapter.setRetryBackoffMillis(50L);
        adapter.setRequestTimeoutMillis(2000L);
        adapter.setCheckpointDirectory(keystores.resolve("checkpoints").toString());
        return adapter;
    }

    /** The application's connection factory for {@code adapter}, with 2 ms receipt polling. */
    static LedgerConnectionFactory connectionFactory(LedgerResourceAdapter adapter) {
        LedgerManagedConnectionFactory managed = new LedgerManagedConnectionFactory();
        managed.setReceiptPollingMillis(2L);
        managed.setReceiptTimeoutSeconds(10L);
        try {
            managed.setResourceAdapter(adapter);
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        return (LedgerConnectionFactory) managed.createConnectionFactory();
    }

    private Path keystoreOf(int account) {
        Path directory = keystores.resolve("account-" + account);
        try {
            Files.createDirectories(directory);
            try (var existing = Files.list(directory)) {
                var found = existing.findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Credentials credentials = contracts.account(account);
            return directory.resolve(WalletUtils.generateWalletFile(PASSWORD, credentials.getEcKeyPair(),
                    directory.toFile(), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a keystore for dev account " + account, e);
        }
    }

    @Override
    public void close() {
        contracts.close();
    }
}
