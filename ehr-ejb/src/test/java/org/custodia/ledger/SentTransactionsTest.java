package org.custodia.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.LedgerConfigurationException;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.junit.jupiter.api.Test;

class SentTransactionsTest {

    private static final Bytes32 TRANSACTION = Bytes32.fromHex("0x" + "5e".repeat(32));

    @Test
    void aRefusalOrAFailureBeforeSendingTookNoEffect() {
        assertFalse(SentTransactions.mayHaveTakenEffect(new ContractRefusalException("NotProxy", "NotProxy()")));
        assertFalse(SentTransactions.mayHaveTakenEffect(new SharingException(Failure.GRANT_REVOKED, "revoked",
                new GrantRevokedException("GrantRevoked", "GrantRevoked(7)"))), "a refusal as the service tells it");
        assertFalse(SentTransactions.mayHaveTakenEffect(new LedgerUnavailableException("connection refused", null)));
        assertFalse(SentTransactions.mayHaveTakenEffect(new DependencyUnavailableException("no chain",
                new LedgerUnavailableException("no ledger connection is available", null))));
        assertFalse(SentTransactions.mayHaveTakenEffect(new LedgerConfigurationException("wrong chain id")));
    }

    @Test
    void aTransactionHandedToTheNodeOrAFailureAfterItMayHaveTakenEffect() {
        assertTrue(SentTransactions.mayHaveTakenEffect(new LedgerUnavailableException("no receipt in time",
                TRANSACTION, null)));
        assertTrue(SentTransactions.mayHaveTakenEffect(new DependencyUnavailableException("not confirmed",
                new LedgerUnavailableException("no receipt in time", TRANSACTION, null))));
        assertTrue(SentTransactions.mayHaveTakenEffect(new LedgerException("the receipt cannot be read")));
        assertTrue(SentTransactions.mayHaveTakenEffect(new IllegalStateException("a defect on the way")));
        assertTrue(SentTransactions.mayHaveTakenEffect(new StackOverflowError()));
    }
}
