package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.NotAuthorizedException;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;

class AbiRevertDecoderTest {

    private final AbiRevertDecoder decoder = AbiRevertDecoder.fromContractAbis();

    @Test
    void everyContractErrorHasATypedException() {
        assertTrue(decoder.errorNames().size() >= 20, "errors read from the ABIs: " + decoder.errorNames());
        for (String name : decoder.errorNames()) {
            assertTrue(AbiRevertDecoder.hasSpecificType(name), "error " + name + " has no exception type");
        }
    }

    @Test
    void decodesSelectorAndArgumentsIntoTheMessage() {
        String account = "0x00000000000000000000000000000000000000ab";
        String data = Hash.sha3String("NotCustodian(bytes32,address)").substring(0, 10)
                + FunctionEncoder.encodeConstructor(List.of(new Bytes32(new byte[32]), new Address(account)));
        ContractRefusalException refusal = decoder.decode("anchor record 1", data, "execution reverted");
        NotAuthorizedException typed = assertInstanceOf(NotAuthorizedException.class, refusal);
        assertEquals("NotCustodian", typed.errorName());
        assertTrue(typed.getMessage().contains("anchor record 1"), typed.getMessage());
        assertTrue(typed.getMessage().contains("account=" + account), typed.getMessage());
    }

    @Test
    void unknownSelectorsAndMissingDataAreStillRefusals() {
        assertEquals("revert", decoder.decode("x", "0xdeadbeef", "execution reverted").errorName());
        assertEquals("revert", decoder.decode("x", null, "execution reverted").errorName());
    }

    /** A node may cut revert data short: the refusal is still typed, and says its arguments could not be read. */
    @Test
    void truncatedArgumentsStillGiveTheTypedRefusal() {
        String account = "0x00000000000000000000000000000000000000ab";
        String whole = Hash.sha3String("NotCustodian(bytes32,address)").substring(0, 10)
                + FunctionEncoder.encodeConstructor(List.of(new Bytes32(new byte[32]), new Address(account)));
        for (String data : new String[] {whole.substring(0, 10), whole.substring(0, 80), whole.substring(0, 11)}) {
            ContractRefusalException refusal = decoder.decode("anchor record 1", data, "execution reverted");
            NotAuthorizedException typed = assertInstanceOf(NotAuthorizedException.class, refusal, data);
            assertTrue(typed.getMessage().contains("NotCustodian(arguments that could not be read)"),
                    typed.getMessage());
        }
        String errorString = "0x08c379a0" + "00".repeat(20);
        ContractRefusalException refusal = decoder.decode("grant", errorString, "execution reverted");
        assertTrue(refusal.getMessage().endsWith("a reason that could not be read"), refusal.getMessage());
    }
}
