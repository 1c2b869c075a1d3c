package org.custodia.ledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.testing.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

class ConsortiumDeployerTest {

    private static final Path DEV_CONSORTIUM = Path.of("src/main/deploy/dev-consortium.properties");

    @RegisterExtension
    static final AnvilExtension anvil = new AnvilExtension();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void deploysRegistersTheConsortiumAndWritesTheAddresses() throws Exception {
        Path output = dir.resolve("node/contracts.properties");
        Files.createDirectories(output.getParent());
        Files.writeString(output, "custodia.anvil.node().name=Kept\n");

        assertEquals(0, run(adminKey(), "--output", output.toString()), err.toString());

        Properties written = load(output);
        assertEquals("Kept", written.getProperty("custodia.anvil.node().name"));
        ContractAddresses addresses = ContractAddresses.readFrom(output).orElseThrow();
        assertTrue(out.toString().contains(ContractAddresses.CONSENT_REGISTRY + "=" + addresses.consentRegistry()));
        try (ChainClient chain = ChainClient.connect(anvil.node().rpcUrl())) {
            assertTrue(chain.hasCode(addresses.consortiumRegistry()));
            assertTrue(chain.hasCode(addresses.recordRegistry()));
            assertTrue(chain.hasCode(addresses.consentRegistry()));
            ConsortiumRegistry registry = readOnly(chain.web3j(), addresses.consortiumRegistry());
            assertEquals(Credentials.create(anvil.node().devAccountKey(0)).getAddress(), registry.admin().send());
            for (MemberSpec member : ConsortiumConfig.load(DEV_CONSORTIUM).members()) {
                ConsortiumRegistry.Member registered = registry.getMember(member.account()).send();
                assertEquals(member.role().code(), registered.role);
                assertEquals(member.displayName(), registered.displayName);
                assertEquals(member.endpoint(), registered.endpoint);
            }
            assertEquals(3, registry.memberAccounts().send().size());
            BigInteger deployedIn = addresses.deploymentBlock();
            assertTrue(deployedIn.signum() > 0 && deployedIn.compareTo(blockNumber(chain)) <= 0);
        }
    }

    @Test
    void ifMissingKeepsContractsThatExistAndRedeploysOtherwise() throws Exception {
        Path output = dir.resolve("contracts.properties");
        assertEquals(0, run(adminKey(), "--output", output.toString(), "--if-missing"), err.toString());
        ContractAddresses first = ContractAddresses.readFrom(output).orElseThrow();
        BigInteger blockAfterFirst;
        try (ChainClient chain = ChainClient.connect(anvil.node().rpcUrl())) {
            blockAfterFirst = blockNumber(chain);
        }

        assertEquals(0, run(adminKey(), "--output", output.toString(), "--if-missing"), err.toString());
        assertEquals(first, ContractAddresses.readFrom(output).orElseThrow());
        try (ChainClient chain = ChainClient.connect(anvil.node().rpcUrl())) {
            assertEquals(blockAfterFirst, blockNumber(chain), "nothing was sent");
        }

        new ContractAddresses("0x00000000000000000000000000000000000000aa", first.recordRegistry(),
                first.consentRegistry(), first.deploymentBlock()).writeTo(output);
        assertEquals(0, run(adminKey(), "--output", output.toString(), "--if-missing"), err.toString());
        ContractAddresses redeployed = ContractAddresses.readFrom(output).orElseThrow();
        assertNotEquals(first.consortiumRegistry(), redeployed.consortiumRegistry());

        assertEquals(0, run(adminKey(), "--output", output.toString()), err.toString());
        assertNotEquals(redeployed, ContractAddresses.readFrom(output).orElseThrow(), "without --if-missing");
    }

    @Test
    void deploysWithAKeystore() throws Exception {
        Path keystore = dir.resolve(WalletUtils.generateWalletFile("s3cret pass",
                Credentials.create(anvil.node().devAccountKey(0)).getEcKeyPair(), dir.toFile(), false));
        Path output = dir.resolve("contracts.properties");

        assertEquals(0, run(Map.of(ConsortiumDeployer.KEYSTORE_PASSWORD_VARIABLE, "s3cret pass"),
                "--output", output.toString(), "--keystore", keystore.toString()), err.toString());
        assertTrue(ContractAddresses.readFrom(output).isPresent());

        assertEquals(2, run(Map.of(ConsortiumDeployer.KEYSTORE_PASSWORD_VARIABLE, "wrong"),
                "--output", dir.resolve("other.properties").toString(), "--keystore", keystore.toString()));
        assertTrue(err.toString().contains("cannot open the keystore"), err.toString());
        assertFalse(err.toString().contains("s3cret"));
    }

    /** A chain URL may carry a credential: given in the environment, it is on no command line. */
    @Test
    void takesTheChainUrlFromTheEnvironmentWithoutRpcUrl() throws Exception {
        Path output = dir.resolve("contracts.properties");
        Map<String, String> environment = new HashMap<>(adminKey());
        environment.put(ConsortiumDeployer.RPC_URL_VARIABLE, anvil.node().rpcUrl());

        assertEquals(0, ConsortiumDeployer.run(new String[] {"--consortium", DEV_CONSORTIUM.toString(), "--output",
                output.toString()}, environment, print(out), print(err)), err.toString());
        assertTrue(ContractAddresses.readFrom(output).isPresent());

        assertEquals(2, ConsortiumDeployer.run(new String[] {"--consortium", DEV_CONSORTIUM.toString(), "--output",
                dir.resolve("other.properties").toString()}, adminKey(), print(out), print(err)));
        assertTrue(err.toString().contains("missing option --rpc-url (or " + ConsortiumDeployer.RPC_URL_VARIABLE),
                err.toString());
    }

    @Test
    void aChainNodeThatDoesNotAnswerIsNamedWithoutTheUrlsCredential() {
        String url = "http://deployer:s3cret@127.0.0.1:1/t0ken?key=k3y";
        assertEquals(1, ConsortiumDeployer.run(new String[] {"--rpc-url", url, "--consortium",
                DEV_CONSORTIUM.toString(), "--output", dir.resolve("none.properties").toString()}, adminKey(),
                print(out), print(err)));
        assertTrue(err.toString().contains("the chain node at http://127.0.0.1:1/... does not answer"), err.toString());
        for (String secret : List.of("deployer", "s3cret", "t0ken", "k3y")) {
            assertFalse(err.toString().contains(secret), err.toString());
        }
    }

    @Test
    void refusesBadArgumentsAndConfigurationWithoutTouchingTheChain() throws Exception {
        BigInteger before;
        try (ChainClient chain = ChainClient.connect(anvil.node().rpcUrl())) {
            before = blockNumber(chain);
        }
        Path output = dir.resolve("contracts.properties");
        assertEquals(2, run(Map.of(), "--output", output.toString()));
        assertTrue(err.toString().contains(ConsortiumDeployer.PRIVATE_KEY_VARIABLE), err.toString());
        assertEquals(2, run(Map.of(ConsortiumDeployer.PRIVATE_KEY_VARIABLE, "0xnot-a-key"), "--output",
                output.toString()));
        assertFalse(err.toString().contains("0xnot-a-key"), "no key material in messages");
        assertEquals(2, run(adminKey(), "--output", output.toString(), "--verbose"));
        assertTrue(err.toString().contains("unknown option --verbose"));
        Path broken = dir.resolve("broken.properties");
        Files.writeString(broken, "members=a\nmember.a.account=0x12\n");
        assertEquals(2, ConsortiumDeployer.run(new String[] {"--rpc-url", anvil.node().rpcUrl(), "--consortium",
                broken.toString(), "--output", output.toString()}, adminKey(), print(out), print(err)));
        assertTrue(err.toString().contains("member.a.account"), err.toString());

        assertFalse(Files.exists(output));
        try (ChainClient chain = ChainClient.connect(anvil.node().rpcUrl())) {
            assertEquals(before, blockNumber(chain));
        }
    }

    @Test
    void reportsAnUnreachableNode() throws Exception {
        Path output = dir.resolve("contracts.properties");
        int exit = ConsortiumDeployer.run(new String[] {"--rpc-url", "http://127.0.0.1:1", "--consortium",
                DEV_CONSORTIUM.toString(), "--output", output.toString()}, adminKey(), print(out), print(err));

        assertEquals(1, exit);
        assertTrue(err.toString().contains("does not answer JSON-RPC"), err.toString());
        assertFalse(Files.exists(output));
    }

    private int run(Map<String, String> environment, String... options) {
        String[] args = List.of(List.of("--rpc-url", anvil.node().rpcUrl(), "--consortium", DEV_CONSORTIUM.toString()),
                List.of(options)).stream().flatMap(List::stream).toArray(String[]::new);
        return ConsortiumDeployer.run(args, environment, print(out), print(err));
    }

    private static Map<String, String> adminKey() {
        return Map.of(ConsortiumDeployer.PRIVATE_KEY_VARIABLE, anvil.node().devAccountKey(0));
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    private static BigInteger blockNumber(ChainClient chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber();
    }

    private static ConsortiumRegistry readOnly(Web3j web3j, String address) {
        return ConsortiumRegistry.load(address, web3j, new ReadonlyTransactionManager(web3j, address),
                new DefaultGasProvider());
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
