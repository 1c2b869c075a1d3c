package org.custodia.ledger.testing;

import java.util.List;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.custodia.ledger.deploy.ChainClient;
import org.custodia.ledger.deploy.ConsortiumConfig;
import org.custodia.ledger.deploy.ConsortiumDeployer;
import org.custodia.ledger.deploy.ContractAddresses;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.deploy.MemberSpec;
import org.web3j.crypto.Credentials;

/**
 * The three registries deployed on an {@link AnvilNode} by {@link ConsortiumDeployer}, with anvil's development
 * account 0 as consortium administrator, and wrappers that act as any development account.
 */
public final class DeployedContracts implements AutoCloseable {

    private final AnvilNode node;
    private final ChainClient chain;
    private final ContractAddresses addresses;

    private DeployedContracts(AnvilNode node, ChainClient chain, ContractAddresses addresses) {
        this.node = node;
        this.chain = chain;
        this.addresses = addresses;
    }

    /** Deploys the contracts and registers {@code members} (possibly none). */
    public static DeployedContracts deploy(AnvilNode node, List<MemberSpec> members) {
        ChainClient chain = ChainClient.connect(node.rpcUrl());
        try {
            ConsortiumDeployer deployer = new ConsortiumDeployer(chain, Credentials.create(node.devAccountKey(0)));
            return new DeployedContracts(node, chain, deployer.deploy(new ConsortiumConfig(members)));
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    /** A member entry for development account {@code index}, with a display name and endpoint derived from it. */
    public MemberSpec member(int index, MemberRole role) {
        return memberSpec(node, index, role);
    }

    /** As {@link #member(int, MemberRole)}, before anything is deployed. */
    public static MemberSpec memberSpec(AnvilNode node, int index, MemberRole role) {
        return new MemberSpec(Credentials.create(node.devAccountKey(index)).getAddress(), role,
                "Member " + index, "https://member-" + index + ".custodia.test", new byte[] {(byte) index});
    }

    public ContractAddresses addresses() {
        return addresses;
    }

    public ChainClient chain() {
        return chain;
    }

    /** Development account {@code index} of the node. */
    public Credentials account(int index) {
        return Credentials.create(node.devAccountKey(index));
    }

    public ConsortiumRegistry consortium(int asAccount) {
        return ConsortiumRegistry.load(addresses.consortiumRegistry(), chain.web3j(),
                chain.transactionManager(account(asAccount)), chain.gasProvider());
    }

    public RecordRegistry records(int asAccount) {
        return RecordRegistry.load(addresses.recordRegistry(), chain.web3j(),
                chain.transactionManager(account(asAccount)), chain.gasProvider());
    }

    public ConsentRegistry consent(int asAccount) {
        return ConsentRegistry.load(addresses.consentRegistry(), chain.web3j(),
                chain.transactionManager(account(asAccount)), chain.gasProvider());
    }

    @Override
    public void close() {
        chain.close();
    }
}
