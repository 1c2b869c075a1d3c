package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.custodia.ledger.adapter.chain.TransactionSender.StallStep;
import org.junit.jupiter.api.Test;

/**
 * What a sender does when its receipt is slow to come, for each state the node may report. The whole recoveries run
 * on anvil in {@code StuckTransactionsTest}; the case of a transaction mined between the wait giving up and the
 * sender reading the account's mined nonces is a race there, so it is pinned here.
 */
class StallStepTest {

    @Test
    void aTransactionWhoseNonceIsNotUsedYetHasTheGapBelowItHandedOverAgain() {
        assertEquals(StallStep.HAND_OVER_GAP, TransactionSender.afterStall(false, false, false));
        assertEquals(StallStep.HAND_OVER_GAP, TransactionSender.afterStall(false, false, true));
    }

    @Test
    void aTransactionMinedSinceTheWaitGaveUpIsWaitedForNotHandedOverOrSignedAgain() {
        // before, this case handed over "from the mined nonce up to the transaction's": an empty, inverted range
        assertEquals(StallStep.WAIT, TransactionSender.afterStall(true, false, false));
        assertEquals(StallStep.WAIT, TransactionSender.afterStall(true, false, true));
    }

    @Test
    void aTransactionWhoseNonceWentToAnotherIsSignedAgainAtTheSecondLook() {
        assertEquals(StallStep.LOOK_AGAIN, TransactionSender.afterStall(true, true, false));
        assertEquals(StallStep.SIGN_AGAIN, TransactionSender.afterStall(true, true, true));
    }
}
