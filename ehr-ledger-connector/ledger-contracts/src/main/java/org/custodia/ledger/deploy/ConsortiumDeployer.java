package org.custodia.ledger.deploy;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys the consortium, record and consent registries to a chain, registers the initial consortium and writes
 * the contract addresses as node configuration ({@link ContractAddresses}).
 *
 * <p>Command line: {@code ConsortiumDeployer --rpc-url URL --consortium FILE --output FILE [--keystore FILE]
 * [--if-missing]}. The deploying account becomes the consortium administrator. Its key comes from the keystore
 * file with the password in the environment variable {@value #KEYSTORE_PASSWORD_VARIABLE}, or, without
 * {@code --keystore}, as a hex private key in {@value #PRIVATE_KEY_VARIABLE}. With {@code --if-missing}, nothing is
 * deployed when the output file already names three contracts that exist on the chain. The addresses are written
 * to the output file and printed. Exit status: 0 done, 1 deployment failed, 2 bad arguments or configuration.
 */
public final class ConsortiumDeployer {

    static final String PRIVATE_KEY_VARIABLE = "CUSTODIA_DEPLOYER_KEY";
    static final String KEYSTORE_PASSWORD_VARIABLE = "CUSTODIA_DEPLOYER_KEYSTORE_PASSWORD";
    /** The chain node's URL when {@code --rpc-url} is not given: a URL with a credential stays off the command line. */
    static final String RPC_URL_VARIABLE = "CUSTODIA_RPC_URL";

    private final ChainClient chain;
    private final Credentials admin;

    public ConsortiumDeployer(ChainClient chain, Credentials admin) {
        this.chain = chain;
        this.admin = admin;
    }

    /**
     * Deploys the three registries and registers every member of {@code consortium}.
     *
     * @throws DeploymentException if a transaction fails or the node cannot be reached
     */
    public ContractAddresses deploy(ConsortiumConfig consortium) {
        Web3j web3j = chain.web3j();
        TransactionManager transactions = chain.transactionManager(admin);
        ContractGasProvider gas = chain.gasProvider();
        try {
            ConsortiumRegistry members = ConsortiumRegistry.deploy(web3j, transactions, gas).send();
            RecordRegistry records =
                    RecordRegistry.deploy(web3j, transactions, gas, members.getContractAddress()).send();
            ConsentRegistry consent = ConsentRegistry.deploy(web3j, transactions, gas,
                    members.getContractAddress(), records.getContractAddress()).send();
            for (MemberSpec member : consortium.members()) {
                members.addMember(member.account(), member.role().code(), member.displayName(), member.endpoint(),
                        member.prePublicKey()).send();
            }
            BigInteger deploymentBlock = members.getTransactionReceipt().map(TransactionReceipt::getBlockNumber)
                    .orElseThrow(() -> new DeploymentException("no receipt for the consortium registry deployment"));
            return new ContractAddresses(members.getContractAddress(), records.getContractAddress(),
                    consent.getContractAddress(), deploymentBlock);
        } catch (DeploymentException e) {
            throw e;
        } catch (Exception e) {
            throw new DeploymentException("deployment by " + admin.getAddress() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The addresses in {@code output} if all three contracts exist on this chain; otherwise deploys, registers
     * the consortium and writes the new addresses into {@code output}.
     */
    public ContractAddresses deployUnlessPresent(ConsortiumConfig consortium, Path output) {
        Optional<ContractAddresses> existing = ContractAddresses.readFrom(output)
                .filter(addresses -> chain.hasCode(addresses.consortiumRegistry())
                        && chain.hasCode(addresses.recordRegistry()) && chain.hasCode(addresses.consentRegistry()));
        if (existing.isPresent()) {
            return existing.get();
        }
        ContractAddresses deployed = deploy(consortium);
        deployed.writeTo(output);
        return deployed;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        DeployerArguments arguments;
        ConsortiumConfig consortium;
        Credentials admin;
        try {
            arguments = DeployerArguments.parse(args, environment);
            consortium = ConsortiumConfig.load(arguments.consortium());
            admin = arguments.adminCredentials(environment);
        } catch (IllegalArgumentException | ConsortiumConfigException e) {
            err.println(e.getMessage());
            err.println(DeployerArguments.USAGE);
            return 2;
        }
        try (ChainClient chain = ChainClient.connect(arguments.rpcUrl())) {
            ConsortiumDeployer deployer = new ConsortiumDeployer(chain, admin);
            ContractAddresses addresses;
            if (arguments.ifMissing()) {
                addresses = deployer.deployUnlessPresent(consortium, arguments.output());
            } else {
                addresses = deployer.deploy(consortium);
                addresses.writeTo(arguments.output());
            }
            out.println(ContractAddresses.CONSORTIUM_REGISTRY + "=" + addresses.consortiumRegistry());
            out.println(ContractAddresses.RECORD_REGISTRY + "=" + addresses.recordRegistry());
            out.println(ContractAddresses.CONSENT_REGISTRY + "=" + addresses.consentRegistry());
            out.println(ContractAddresses.DEPLOYMENT_BLOCK + "=" + addresses.deploymentBlock());
            return 0;
        } catch (DeploymentException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
