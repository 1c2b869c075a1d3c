package org.custodia.ledger.adapter.chain;

import java.util.List;

import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.LedgerException;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Read-only contract calls ({@code eth_call}). The call is encoded by a generated wrapper's
 * {@link RemoteFunctionCall}; the answer is decoded with the same function's output types, and a revert becomes a
 * typed exception.
 */
public final class ContractCaller {

    private final ChainClient client;
    private final String from;
    private final RevertDecoder revertDecoder;

    public ContractCaller(ChainClient client, String from, RevertDecoder revertDecoder) {
        this.client = client;
        this.from = from;
        this.revertDecoder = revertDecoder;
    }

    /** Calls a view function at the latest block and returns its decoded outputs. */
    public List<Type> call(String what, String contract, RemoteFunctionCall<?> function) throws LedgerException {
        String answer = callRaw(what, contract, function.encodeFunctionCall(), DefaultBlockParameterName.LATEST);
        if (answer == null || answer.equals("0x")) {
            throw new LedgerConfigurationException("nothing answered at " + contract + " when trying to " + what
                    + "; check that the contracts are deployed at the configured addresses");
        }
        return function.decodeFunctionResponse(answer);
    }

    /** Executes {@code data} against {@code contract} at {@code block} and returns the raw hex result. */
    String callRaw(String what, String contract, String data, DefaultBlockParameter block) throws LedgerException {
        EthCall answer = client.send(what,
                client.web3j().ethCall(Transaction.createEthCallTransaction(from, contract, data), block));
        if (answer.hasError()) {
            if (RpcErrors.isRevert(answer.getError())) {
                throw revertDecoder.decode(what, RpcErrors.revertData(answer.getError()),
                        answer.getError().getMessage());
            }
            throw new LedgerException("chain node " + client.shownUrl() + " failed to " + what + ": "
                    + answer.getError().getMessage());
        }
        return answer.getValue();
    }
}
