package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/**
 * When a failed transaction is taken for one that ran out of gas rather than for a refusal. The whole case runs on
 * anvil in {@code OutOfGasTest}; the bound of 63/64 (a call inside that ran out) cannot be made to happen there.
 */
class GasExhaustionTest {

    @Test
    void allOfTheLimitOrAtLeast63Of64PartsIsRunningOutOfGas() {
        assertTrue(TransactionSender.ranOutOfGas(gas(37_500), gas(37_500)));
        assertTrue(TransactionSender.ranOutOfGas(gas(63_000), gas(64_000)));
    }

    @Test
    void aRefusalThatReturnedGasIsNot() {
        assertFalse(TransactionSender.ranOutOfGas(gas(62_999), gas(64_000)));
        assertFalse(TransactionSender.ranOutOfGas(gas(31_000), gas(120_000)));
    }

    private static BigInteger gas(long amount) {
        return BigInteger.valueOf(amount);
    }
}
