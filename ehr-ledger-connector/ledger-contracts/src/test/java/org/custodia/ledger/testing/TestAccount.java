package org.custodia.ledger.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.custodia.ledger.contracts.generated.ConsentRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.Contract;

/**
 * One development account of a {@link DeployedContracts} chain: the registries as seen by that account, and
 * assertions that a call made by it is refused with a given custom error.
 */
public final class TestAccount {

    private final DeployedContracts contracts;
    private final int index;
    private final ConsortiumRegistry consortium;
    private final RecordRegistry records;
    private final ConsentRegistry consent;

    public TestAccount(DeployedContracts contracts, int index) {
        this.contracts = contracts;
        this.index = index;
        this.consortium = contracts.consortium(index);
        this.records = contracts.records(index);
        this.consent = contracts.consent(index);
    }

    /** The revert data of custom error {@code name} with {@code arguments}: selector and ABI-encoded values. */
    public static String customError(String name, Type<?>... arguments) {
        return FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(name, Arrays.asList(arguments),
                List.of()));
    }

    public String address() {
        return contracts.account(index).getAddress();
    }

    public ConsortiumRegistry consortium() {
        return consortium;
    }

    public RecordRegistry records() {
        return records;
    }

    public ConsentRegistry consent() {
        return consent;
    }

    /** Asserts that the transaction is refused with {@code error}, both when simulated and when mined. */
    public void consortiumRefuses(String error,
                                  Function<ConsortiumRegistry, RemoteFunctionCall<TransactionReceipt>> call) {
        refuses(error, consortium, call.apply(consortium));
    }

    public void recordsRefuse(String error, Function<RecordRegistry, RemoteFunctionCall<TransactionReceipt>> call) {
        refuses(error, records, call.apply(records));
    }

    public void consentRefuses(String error, Function<ConsentRegistry, RemoteFunctionCall<TransactionReceipt>> call) {
        refuses(error, consent, call.apply(consent));
    }

    /** Asserts that the view call reverts with {@code error}. */
    public void consortiumViewRefuses(String error, Function<ConsortiumRegistry, RemoteFunctionCall<?>> call) {
        assertEquals(error, revertData(consortium, call.apply(consortium)));
    }

    public void recordsViewRefuses(String error, Function<RecordRegistry, RemoteFunctionCall<?>> call) {
        assertEquals(error, revertData(records, call.apply(records)));
    }

    public void consentViewRefuses(String error, Function<ConsentRegistry, RemoteFunctionCall<?>> call) {
        assertEquals(error, revertData(consent, call.apply(consent)));
    }

    private void refuses(String error, Contract contract, RemoteFunctionCall<TransactionReceipt> call) {
        assertEquals(error, revertData(contract, call));
        TransactionException mined = assertThrows(TransactionException.class, call::send);
        TransactionReceipt receipt = mined.getTransactionReceipt()
                .orElseThrow(() -> new AssertionError("the refused transaction was not mined"));
        assertEquals("0x0", receipt.getStatus(), "status of the refused transaction");
    }

    private String revertData(Contract contract, RemoteFunctionCall<?> call) {
        try {
            EthCall result = contracts.chain().web3j().ethCall(
                    Transaction.createEthCallTransaction(address(), contract.getContractAddress(),
                            call.encodeFunctionCall()),
                    DefaultBlockParameterName.LATEST).send();
            if (result.getError() == null) {
                return fail("expected a revert, but the call succeeded with " + result.getValue());
            }
            return result.getError().getData().replace("\"", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
