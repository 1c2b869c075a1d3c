package org.custodia.ledger.adapter.chain;

import org.custodia.ledger.api.ContractRefusalException;

/** Turns the revert data a node returns for a refused call into a typed exception. */
public interface RevertDecoder {

    /**
     * @param what        the refused operation, for the message
     * @param revertData  the hex revert data ({@code 0x} + selector + ABI arguments), or null if the node gave none
     * @param nodeMessage the node's own error message
     */
    ContractRefusalException decode(String what, String revertData, String nodeMessage);
}
