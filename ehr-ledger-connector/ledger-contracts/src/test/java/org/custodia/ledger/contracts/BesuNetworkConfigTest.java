package org.custodia.ledger.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * The Besu network configuration (server-config/besu) and the compiled contracts agree: the genesis enables the
 * EVM the contracts are compiled for and no later one is needed, gas is free, and the QBFT extra data names the
 * validators listed beside it.
 */
class BesuNetworkConfigTest {

    /** Genesis keys that enable each EVM version Besu supports for a private network. */
    private static final Map<String, String> MILESTONES = Map.of("berlin", "berlinBlock", "london", "londonBlock",
            "shanghai", "shanghaiTime", "cancun", "cancunTime", "prague", "pragueTime");
    /** Opcodes introduced after London: PUSH0, TLOAD, TSTORE, MCOPY, BLOBHASH, BLOBBASEFEE. */
    private static final Set<Integer> POST_LONDON_OPCODES = Set.of(0x5f, 0x5c, 0x5d, 0x5e, 0x49, 0x4a);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path besu = Path.of(System.getProperty("besu.config", "../../server-config/besu"));

    @Test
    void theGenesisEnablesTheEvmTheContractsAreCompiledFor() throws Exception {
        JsonNode config = genesis().get("config");
        String evmVersion = System.getProperty("solidity.evm-version", "london");

        String milestone = MILESTONES.get(evmVersion);
        assertTrue(milestone != null, "unknown EVM version " + evmVersion);
        assertEquals(0, config.path(milestone).asLong(-1), milestone + " must be active from the genesis");
    }

    @Test
    void londonBytecodeNeedsNoLaterMilestone() throws Exception {
        assertEquals("london", System.getProperty("solidity.evm-version", "london"));
        JsonNode config = genesis().get("config");
        assertFalse(config.has("shanghaiTime") || config.has("cancunTime") || config.has("pragueTime"),
                "a later milestone is not needed; enable it only together with the compiler's evmVersion");
        Path compiled = Path.of(System.getProperty("solidity.output", "target/solidity"));
        for (String contract : List.of("ConsortiumRegistry", "RecordRegistry", "ConsentRegistry")) {
            byte[] code = Numeric.hexStringToByteArray(Files.readString(compiled.resolve(contract + ".bin")).trim());
            assertTrue(code.length > 0, contract);
            for (int pc = 0; pc < code.length; pc += 1 + pushDataLength(code[pc])) {
                int opcode = code[pc] & 0xff;
                assertFalse(POST_LONDON_OPCODES.contains(opcode),
                        contract + " uses post-London opcode 0x" + Integer.toHexString(opcode) + " at " + pc);
            }
        }
    }

    @Test
    void gasIsFreeAndConsensusIsQbft() throws Exception {
        JsonNode genesis = genesis();
        JsonNode config = genesis.get("config");
        assertTrue(config.path("zeroBaseFee").asBoolean(), "zeroBaseFee");
        assertTrue(config.path("qbft").path("blockperiodseconds").asInt() > 0, "qbft block period");
        assertNotEquals(31337, config.path("chainId").asLong(), "not the development chain's id");
        assertTrue(Numeric.toBigInt(genesis.get("gasLimit").asText()).longValueExact() > 6_000_000L);
        assertTrue(Files.readString(besu.resolve("node-config.toml")).contains("min-gas-price=0"));
    }

    @Test
    void theExtraDataNamesTheListedValidators() throws Exception {
        List<RlpType> extraData = ((RlpList) RlpDecoder.decode(
                Numeric.hexStringToByteArray(genesis().get("extraData").asText())).getValues().get(0)).getValues();
        assertEquals(5, extraData.size(), "vanity, validators, vote, round, seals");
        assertEquals(32, ((RlpString) extraData.get(0)).getBytes().length, "vanity");

        List<String> encoded = new ArrayList<>();
        for (RlpType validator : ((RlpList) extraData.get(1)).getValues()) {
            encoded.add(Numeric.toHexStringNoPrefix(((RlpString) validator).getBytes()));
        }
        List<String> listed = new ArrayList<>();
        JSON.readTree(besu.resolve("validators.json").toFile()).forEach(address -> listed.add(address.asText()));
        assertEquals(listed, encoded);
        assertEquals(4, listed.size(), "a 4-validator network");
        assertTrue(((RlpList) extraData.get(2)).getValues().isEmpty(), "no vote");
        assertTrue(((RlpList) extraData.get(4)).getValues().isEmpty(), "no seals");
    }

    private JsonNode genesis() throws Exception {
        return JSON.readTree(besu.resolve("genesis.json").toFile());
    }

    private static int pushDataLength(byte opcode) {
        int value = opcode & 0xff;
        return value >= 0x60 && value <= 0x7f ? value - 0x5f : 0;
    }
}
